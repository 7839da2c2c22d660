// Instances of repeating groups (FHIR R4 Questionnaire.item.repeats on a group; SDC maxOccurs).
//
// An instance is a copy of the group's items, placed right after the group's last instance
// under the same parent and with the same linkIds. Everything that walks items() then sees
// instances as it sees any item: the flow shows them in order, validation asks for the required
// items of each, and QuestionnaireResponse writing repeats the group's item per instance, which
// is R4's rule for a repeating group (QuestionnaireResponse.item, "for a repeating group, one
// item per instance"). An enableWhen that points into the same instance points to the copy
// (so conditions are evaluated per instance, as LHC-Forms and the SDC examples do); one that
// points outside keeps its target.
#include "core/screening/questionnaire.hpp"

#include "core/base/error.hpp"

#include <algorithm>
#include <limits>

namespace safetynet::core {

namespace {

constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
// Far more than a screening form needs; stops a response with endless instances (every
// instance copies the layout) from taking the device down.
constexpr std::size_t kMaxItems = 5000;

bool is_repeating_group(const Item& it) { return it.type == ItemType::Group && it.repeats; }

// Every item after its parent and its enableWhen questions (a post-order of "depends on"). The
// import checked the form for cycles; copies add none, as each points where its original did
// or into its own instance.
std::vector<std::size_t> evaluation_order_of(const std::vector<Item>& items) {
    std::vector<std::size_t> order;
    order.reserve(items.size());
    std::vector<char> done(items.size(), 0);
    for (std::size_t root = 0; root < items.size(); ++root) {
        std::vector<std::pair<std::size_t, std::size_t>> stack{{root, 0}};  // (item, next edge)
        while (!stack.empty()) {
            auto& [node, edge] = stack.back();
            if (done[node]) {
                stack.pop_back();
                continue;
            }
            const Item& it = items[node];
            const std::size_t edges = it.enable_when.size() + (it.parent ? 1 : 0);
            if (edge == edges) {
                done[node] = 1;
                order.push_back(node);
                stack.pop_back();
                continue;
            }
            const std::size_t next = edge < it.enable_when.size() ? it.enable_when[edge].question : *it.parent;
            ++edge;
            if (!done[next]) stack.emplace_back(next, 0);
        }
    }
    return order;
}

}  // namespace

std::size_t Questionnaire::subtree_end(std::size_t item) const {
    // Pre-order: the last descendant is the last child's last descendant.
    std::size_t last = item;
    while (!m_items[last].children.empty()) last = m_items[last].children.back();
    return last + 1;
}

std::vector<std::size_t> Questionnaire::instances(std::size_t group) const {
    const Item& it = m_items.at(group);
    const std::vector<std::size_t> siblings = it.parent ? m_items[*it.parent].children : roots();
    std::vector<std::size_t> out;
    for (const std::size_t s : siblings)
        if (m_items[s].link_id == it.link_id) out.push_back(s);
    return out;
}

std::size_t Questionnaire::instance_number(std::size_t item) const {
    if (m_items.at(item).type != ItemType::Group) return 0;
    const auto all = instances(item);
    return static_cast<std::size_t>(std::find(all.begin(), all.end(), item) - all.begin());
}

std::string Questionnaire::instance_key(std::size_t item) const {
    std::string key;
    bool copy = false;
    for (std::optional<std::size_t> a = item; a; a = m_items[*a].parent) {
        if (!is_repeating_group(m_items[*a])) continue;
        const std::size_t n = instance_number(*a);
        copy = copy || n > 0;
        key = std::to_string(n + 1) + (key.empty() ? "" : "." + key);
    }
    return copy ? "#" + key : std::string();
}

std::optional<std::size_t> Questionnaire::repeating_group_of(std::size_t item) const {
    for (std::optional<std::size_t> a = item; a; a = m_items[*a].parent)
        if (is_repeating_group(m_items[*a])) return a;
    return std::nullopt;
}

Questionnaire::Reindex Questionnaire::add_instance(std::size_t group) {
    const Item& g = m_items.at(group);
    if (!is_repeating_group(g)) throw Error("not-repeating", g.link_id, "only a repeating group has instances");
    const std::vector<std::size_t> all = instances(group);
    if (g.max_occurs && all.size() >= static_cast<std::size_t>(*g.max_occurs))
        throw Error("max-occurs", g.link_id, "the form allows " + std::to_string(*g.max_occurs) + " of this group");

    // The template: the first instance, with one instance of each nested repeating group.
    std::vector<std::size_t> tmpl;
    std::vector<std::size_t> local(m_items.size(), kNone);  // old index -> position in tmpl
    std::vector<std::size_t> stack{all.front()};
    while (!stack.empty()) {
        const std::size_t i = stack.back();
        stack.pop_back();
        local[i] = tmpl.size();
        tmpl.push_back(i);
        const auto& children = m_items[i].children;
        for (auto c = children.rbegin(); c != children.rend(); ++c)
            if (instance_number(*c) == 0) stack.push_back(*c);
    }

    const std::size_t pos = subtree_end(all.back()), n = tmpl.size(), old_size = m_items.size();
    if (old_size + n > kMaxItems)
        throw Error("too-many-instances", g.link_id, "more than " + std::to_string(kMaxItems) + " items with every instance");
    Reindex r;
    r.first = pos;
    r.count = n;
    r.old_to_new.resize(old_size);
    for (std::size_t i = 0; i < old_size; ++i) r.old_to_new[i] = i < pos ? i : i + n;
    auto shift = [&](std::size_t i) { return r.old_to_new[i]; };
    auto in_copy = [&](std::size_t i) { return local[i] != kNone ? pos + local[i] : shift(i); };

    std::vector<Item> items(old_size + n);
    for (std::size_t i = 0; i < old_size; ++i) {
        Item it = m_items[i];
        if (it.parent) it.parent = shift(*it.parent);
        for (std::size_t& c : it.children) c = shift(c);
        for (EnableWhen& e : it.enable_when) e.question = shift(e.question);
        items[shift(i)] = std::move(it);
    }
    for (std::size_t k = 0; k < n; ++k) {
        Item it = m_items[tmpl[k]];
        it.parent = k == 0 ? (g.parent ? std::optional<std::size_t>(shift(*g.parent)) : std::nullopt)
                           : std::optional<std::size_t>(pos + local[*it.parent]);
        std::vector<std::size_t> children;
        for (const std::size_t c : it.children)
            if (local[c] != kNone) children.push_back(pos + local[c]);
        it.children = std::move(children);
        for (EnableWhen& e : it.enable_when) e.question = in_copy(e.question);
        items[pos + k] = std::move(it);
    }
    if (g.parent) {
        auto& siblings = items[shift(*g.parent)].children;
        siblings.insert(std::find(siblings.begin(), siblings.end(), shift(all.back())) + 1, pos);
    }
    m_items = std::move(items);

    m_eval_order = evaluation_order_of(m_items);

    // Expressions: the copies' own steps, in document order like the others.
    std::vector<ExpressionStep> steps;
    for (ExpressionStep s : m_steps) {
        const std::optional<std::size_t> old = s.item;
        if (old) s.item = shift(*old);
        steps.push_back(s);
        if (old && local[*old] != kNone) {
            s.item = pos + local[*old];
            steps.push_back(std::move(s));
        }
    }
    std::stable_sort(steps.begin(), steps.end(), [](const ExpressionStep& a, const ExpressionStep& b) {
        return a.item.has_value() && b.item.has_value() ? *a.item < *b.item : !a.item.has_value() && b.item.has_value();
    });
    m_steps = std::move(steps);
    rebuild_lookups();
    return r;
}

Questionnaire::Reindex Questionnaire::remove_instance(std::size_t group) {
    const Item& g = m_items.at(group);
    if (!is_repeating_group(g)) throw Error("not-repeating", g.link_id, "only a repeating group has instances");
    const std::vector<std::size_t> all = instances(group);
    if (all.size() < 2) throw Error("last-instance", g.link_id, "the last instance of a group stays");
    const std::size_t begin = group, end = subtree_end(group), n = end - begin, old_size = m_items.size();

    Reindex r;
    r.first = begin;
    r.count = n;
    r.old_to_new.resize(old_size);
    for (std::size_t i = 0; i < old_size; ++i) r.old_to_new[i] = i < begin ? i : (i >= end ? i - n : kNone);
    // A condition elsewhere that pointed into the removed (first) instance points into the
    // next one: the item with the same linkId there.
    const std::size_t next = all[all[0] == group ? 1 : 0];
    auto target = [&](std::size_t q) {
        if (r.old_to_new[q] != kNone) return r.old_to_new[q];
        for (std::size_t i = next; i < subtree_end(next); ++i)
            if (m_items[i].link_id == m_items[q].link_id) return r.old_to_new[i];
        return r.old_to_new[next];
    };

    std::vector<Item> items;
    items.reserve(old_size - n);
    for (std::size_t i = 0; i < old_size; ++i) {
        if (r.old_to_new[i] == kNone) continue;
        Item it = m_items[i];
        if (it.parent) it.parent = r.old_to_new[*it.parent];
        std::vector<std::size_t> children;
        for (const std::size_t c : it.children)
            if (r.old_to_new[c] != kNone) children.push_back(r.old_to_new[c]);
        it.children = std::move(children);
        for (EnableWhen& e : it.enable_when) e.question = target(e.question);
        items.push_back(std::move(it));
    }
    m_items = std::move(items);

    m_eval_order = evaluation_order_of(m_items);
    std::vector<ExpressionStep> steps;
    for (ExpressionStep& s : m_steps) {
        if (s.item && r.old_to_new[*s.item] == kNone) continue;
        if (s.item) s.item = r.old_to_new[*s.item];
        steps.push_back(std::move(s));
    }
    m_steps = std::move(steps);
    rebuild_lookups();
    return r;
}

}  // namespace safetynet::core
