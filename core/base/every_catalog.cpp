#include "core/base/every_catalog.hpp"

#include "core/base/assets.hpp"

namespace safetynet::core {

void add_every_builtin_catalog(Translator& translator) {
    for (const std::string_view name : more_catalog_names())
        translator.add_catalog(Catalog::parse(*more_catalog(name), name), name);
}

Translator translator_with_every_language() {
    Translator translator;
    add_every_builtin_catalog(translator);
    return translator;
}

}  // namespace safetynet::core
