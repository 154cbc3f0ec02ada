#include "io/labels.hpp"

#include "domain/messages.hpp"
#include "store/embedded_files.hpp"

#include <map>

namespace riaya::io {
namespace {

using domain::Language;
using Dictionary = std::map<std::string, std::string, std::less<>>;

// The entries "  'key': 'text'," of a locale file; the text's escapes (\' and \\) undone.
Dictionary parse(std::string_view source) {
  Dictionary entries;
  std::size_t at = 0;
  while (at < source.size()) {
    auto end = source.find('\n', at);
    if (end == std::string_view::npos) end = source.size();
    const auto line = source.substr(at, end - at);
    at = end + 1;
    if (!line.starts_with("  '") || !line.ends_with("',")) continue;
    const auto key_end = line.find("': '", 3);
    if (key_end == std::string_view::npos) continue;
    const auto key = line.substr(3, key_end - 3);
    const auto quoted = line.substr(key_end + 4, line.size() - key_end - 6);
    std::string text;
    bool closed_early = false;
    for (std::size_t i = 0; i < quoted.size(); ++i) {
      if (quoted[i] == '\\' && i + 1 < quoted.size()) {
        text += quoted[++i];
      } else if (quoted[i] == '\'') {
        closed_early = true;  // not one plain string
        break;
      } else {
        text += quoted[i];
      }
    }
    if (!closed_early) entries.emplace(std::string(key), std::move(text));
  }
  return entries;
}

const Dictionary& dictionary(Language language) {
  static const std::map<Language, Dictionary> all = [] {
    std::map<Language, Dictionary> made;
    for (const auto& [each, name] :
         {std::pair{Language::Arabic, "ar"}, std::pair{Language::French, "fr"}, std::pair{Language::English, "en"}})
      made[each] = parse(store::embedded_file("web/src/lib/locales/" + std::string(name) + ".ts"));
    return made;
  }();
  return all.at(language);
}

std::string without(std::string_view name, std::string_view suffix) {
  return std::string(name.ends_with(suffix) ? name.substr(0, name.size() - suffix.size()) : name);
}

}  // namespace

std::optional<std::string> dictionary_entry(std::string_view key, Language language) {
  const auto& entries = dictionary(language);
  const auto it = entries.find(key);
  if (it == entries.end()) return std::nullopt;
  return it->second;
}

std::string field_label(const domain::EntitySpec& spec, std::string_view field, Language language) {
  const std::string name(field);
  for (const auto& key :
       {name, without(name, "_id"), without(name, "_centimes"), std::string(spec.entity) + "_" + name})
    if (auto label = dictionary_entry("field." + key, language)) return *label;
  return domain::field_label(field, language);
}

std::optional<std::string> choice_label(const domain::EntitySpec& spec, std::string_view field, std::string_view value,
                                        Language language) {
  const std::string name(field), entity(spec.entity);
  const auto first_word = entity.substr(0, entity.find('_')), last_word = entity.substr(entity.rfind('_') + 1);
  for (const auto& kind :
       {entity + "_" + name, name, without(name, "_code"), first_word + "_" + name, last_word + "_" + name})
    if (auto label = dictionary_entry("enum." + kind + "." + std::string(value), language)) return label;
  return std::nullopt;
}

std::string resource_label(std::string_view resource, Language language) {
  std::string name(resource);
  for (const auto& key : {name, name.substr(name.find('_') + 1)})
    if (auto label = dictionary_entry(key + ".title", language)) return *label;
  return name;
}

}  // namespace riaya::io
