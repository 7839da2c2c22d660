#include "ui/shell/error_text.hpp"

#include "core/base/error_kinds.hpp"

namespace safetynet::ui {

namespace {

std::string position_text(const core::Translator& i18n, const core::Error& e) {
    const std::string line = e.param("line");
    if (line.empty()) return {};
    const std::string column = e.param("column");
    return column.empty() ? i18n.format("error.line", {{"line", line}})
                          : i18n.format("error.line_column", {{"line", line}, {"column", column}});
}

}  // namespace

std::string error_text(const core::Translator& i18n, const core::Error& e) {
    std::string text;
    if (core::find_screen_error_kind(e.kind())) {
        std::vector<std::pair<std::string, std::string>> values = e.params();
        values.emplace_back("where", e.where());
        text = i18n.format("error." + e.kind(), values);
    } else {
        text = i18n.format("error.generic", {{"kind", e.kind()}, {"detail", e.what()}});
    }
    if (const std::string position = position_text(i18n, e); !position.empty()) text += " " + position;
    return text;
}

std::string error_text(const core::Translator& i18n, const std::exception& e) {
    if (const auto* core_error = dynamic_cast<const core::Error*>(&e)) return error_text(i18n, *core_error);
    return i18n.format("error.generic", {{"kind", "error"}, {"detail", e.what()}});
}

std::string import_issue_text(const core::Translator& i18n, const core::ImportError& issue) {
    std::string where = issue.file;
    if (issue.line > 0) where = i18n.format("error.at_line", {{"file", issue.file}, {"line", std::to_string(issue.line)}});
    else if (!issue.id.empty()) where = i18n.format("error.at_record", {{"file", issue.file}, {"record", issue.id}});
    core::ErrorParams params = issue.params;
    params.emplace_back("field", issue.field);
    // The row is in `where`: no position appended after the text.
    return error_text(i18n, core::Error(issue.kind, where, issue.message, std::move(params)));
}

}  // namespace safetynet::ui
