#pragma once
// An error as a screen shows it: in the person's language, from the catalog, never the core's
// English message alone (issue 14: "error messages from the core keep stable codes and
// parameters; the screens render them").
#include "core/base/error.hpp"
#include "core/base/i18n.hpp"
#include "core/directory/hsds_import.hpp"

#include <exception>
#include <string>

namespace safetynet::ui {

// "error.<kind>" filled with the error's params and {where}, then its position
// ("error.line_column" / "error.line") when it carries one. A kind without a catalog text
// (core/base/error_kinds.hpp lists those with one) is "error.generic": a translated sentence
// naming the kind, with the English message as its detail.
std::string error_text(const core::Translator& i18n, const core::Error& e);
// Any other exception (not expected from core/): "error.generic" with its what().
std::string error_text(const core::Translator& i18n, const std::exception& e);

// One issue of a directory's import report (core/directory/hsds_import.hpp): "error.<kind>"
// with {where} the file and its row ("error.at_line": CSV; "error.at_record": a JSON record's
// id) and the issue's field and values. The English message is the detail of a kind without
// a text of its own ("hsds-file").
std::string import_issue_text(const core::Translator& i18n, const core::ImportError& issue);

}  // namespace safetynet::ui
