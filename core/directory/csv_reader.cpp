#include "core/directory/csv_reader.hpp"

#include "core/base/text_fold.hpp"

namespace safetynet::core {

CsvReader::CsvReader(std::string_view data) : m_data(data) {
    if (m_data.substr(0, 3) == "\xEF\xBB\xBF") m_pos = 3;
}

// Where the line end that starts at `pos` (a CR) finishes: CR LF, and CR CR LF (a CRLF file
// whose line ends were converted once more, as the UK profile's example CSVs are) are one line
// end; a lone CR is one too.
std::size_t CsvReader::line_end_after_cr(std::size_t pos) const {
    std::size_t j = pos + 1;
    while (j < m_data.size() && m_data[j] == '\r') ++j;
    return j < m_data.size() && m_data[j] == '\n' ? j + 1 : pos + 1;
}

// One loop over the characters is the RFC 4180 state machine (field start, quoted, after a
// quote, unquoted); splitting it would scatter the states, so it stays whole.
bool CsvReader::next(CsvRecord& record) {
    for (;;) {
        if (m_pos >= m_data.size()) return false;
        record.line = m_line;
        record.fields.clear();
        record.error.clear();
        std::string field;
        bool quoted = false;       // the current field started with a quote
        bool in_quotes = false;    // inside the quotes of the current field
        bool after_quote = false;  // the closing quote was seen
        bool any_content = false;  // the record is more than one empty unquoted field
        auto end_field = [&] {
            if (!utf8_valid(field) && record.error.empty())
                record.error = "field " + std::to_string(record.fields.size() + 1) + " is not valid UTF-8";
            record.fields.push_back(std::move(field));
            field.clear();
            quoted = in_quotes = after_quote = false;
        };
        bool record_done = false;
        while (m_pos < m_data.size() && !record_done) {
            const char c = m_data[m_pos++];
            if (in_quotes) {
                if (c == '"') {
                    if (m_pos < m_data.size() && m_data[m_pos] == '"') {
                        field.push_back('"');
                        ++m_pos;
                    } else {
                        in_quotes = false;
                        after_quote = true;
                    }
                } else if (c == '\r') {
                    // The line end is kept in the field as it is; it counts as one line.
                    const std::size_t end = line_end_after_cr(m_pos - 1);
                    field.append(m_data.substr(m_pos - 1, end - (m_pos - 1)));
                    m_pos = end;
                    ++m_line;
                } else {
                    if (c == '\n') ++m_line;
                    field.push_back(c);
                }
                continue;
            }
            switch (c) {
            case ',':
                any_content = true;
                end_field();
                break;
            case '\r':
                m_pos = line_end_after_cr(m_pos - 1);
                [[fallthrough]];
            case '\n':
                ++m_line;
                end_field();
                record_done = true;
                break;
            case '"':
                any_content = true;
                if (field.empty() && !quoted && !after_quote) {
                    quoted = in_quotes = true;
                } else if (record.error.empty()) {
                    record.error = "a quote inside field " + std::to_string(record.fields.size() + 1) +
                                   " that does not start with one (RFC 4180 needs the whole field quoted)";
                }
                break;
            default:
                any_content = true;
                if (after_quote && record.error.empty())
                    record.error = "text after the closing quote of field " + std::to_string(record.fields.size() + 1);
                field.push_back(c);
            }
        }
        if (!record_done) {
            // End of data: the last record has no line break.
            if (in_quotes) {
                record.error = "a quoted field is not closed before the end of the file";
                end_field();
                return true;
            }
            end_field();
        }
        if (!any_content && record.fields.size() == 1 && record.fields[0].empty() && record.error.empty())
            continue;  // a blank line
        return true;
    }
}

}  // namespace safetynet::core
