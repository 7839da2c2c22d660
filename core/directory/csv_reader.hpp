#pragma once
// RFC 4180 CSV, as the HSDS Tabular Data Package uses it: comma-separated fields, records
// ending in CRLF or LF (or CR, or CR CR LF: one line end each), fields optionally in double quotes, where a quoted field may hold
// commas and line breaks and a doubled quote stands for one quote. A UTF-8 byte order mark at
// the start is skipped. Each record knows the line it starts on, so an error can name it.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace safetynet::core {

struct CsvRecord {
    std::size_t line = 0;             // 1-based line on which the record starts
    std::vector<std::string> fields;
    std::string error;                // non-empty: the record is malformed (fields are partial)
};

class CsvReader {
public:
    // `data` must outlive the reader.
    explicit CsvReader(std::string_view data);

    // The next record, skipping blank lines. False at the end of the data. A quoted field left
    // open at the end of the data is reported as a malformed last record.
    bool next(CsvRecord& record);

private:
    std::size_t line_end_after_cr(std::size_t pos) const;
    std::string_view m_data;
    std::size_t m_pos = 0;
    std::size_t m_line = 1;
};

}  // namespace safetynet::core
