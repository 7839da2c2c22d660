#pragma once
// tabular.json (private to core/directory): the HSDS Tabular Data Package as one JSON object,
// each key a CSV file name ("services.csv") and its value that table's rows as objects. Read
// by the same code as the CSV files (hsds_csv.cpp), so both forms link and check alike.
#include "core/directory/hsds_import.hpp"

#include <nlohmann/json.hpp>

#include <string_view>

namespace safetynet::core::hsds {

void import_tabular_json(const nlohmann::json& doc, std::string_view file, DirectoryBuilder& builder,
                         ImportReport& report, const ImportOptions& options);

}  // namespace safetynet::core::hsds
