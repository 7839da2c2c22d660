#include "ui/shell/error_text.hpp"

#include "core/base/error_kinds.hpp"

namespace safetynet::ui {

namespace {

// A form's question (and its field) the error names: "(question 71802-3, field type)".
std::string question_text(const core::Translator& i18n, const core::Error& e) {
    const std::string link_id = e.param("linkId");
    if (link_id.empty()) return {};
    const std::string field = e.param("field");
    return field.empty() ? i18n.format("error.question", {{"linkId", link_id}})
                         : i18n.format("error.question_field", {{"linkId", link_id}, {"field", field}});
}

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
        // A form's error names its file as a parameter; its `where` is then the question, said
        // after the text in the person's words.
        const std::string file = e.param("file");
        values.emplace_back("where", file.empty() || e.param("linkId").empty() ? e.where() : file);
        text = i18n.format("error." + e.kind(), values);
        if (const std::string question = question_text(i18n, e); !question.empty()) text += " " + question;
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
