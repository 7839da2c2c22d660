// The organization's capacity update: for each of its services in the directory, an SDOHCC
// capacity status since a date, with a note; downloaded as a signed file that clinics import
// like a status update (core/actions/capacity.hpp).
#include "core/actions/capacity.hpp"
#include "core/base/error.hpp"
#include "ui/shell/widgets.hpp"
#include "ui/workspace/workspace.hpp"
#include "ui/workspace/workspace_widgets.hpp"

#include <imgui.h>

#include <cctype>
#include <cstdio>

namespace safetynet::ui {

void Workspace::draw_capacity(Context& ctx) {
    const Palette& p = *ctx.palette;
    core::Store& store = m_session.store();
    section_title(ctx, ctx.tr("ws.capacity.title"));
    register_last_item(ctx, "capacity.title");
    paragraph(ctx, ctx.tr("ws.capacity.hint"), ctx.fonts.small, p.text_muted);
    const auto services = m_directory.services_of(store.settings().name);
    if (services.empty()) {
        paragraph(ctx, ctx.tr(m_directory.status() == DirectoryService::Status::Ready ? "ws.capacity.no_services" : "ws.loading"),
                  ctx.fonts.body, p.text_muted);
        return;
    }
    if (m_capacity_rows.size() != services.size()) {
        m_capacity_rows.clear();
        for (const auto& [id, name] : services) {
            CapacityRow row;
            row.service_id = id;
            row.service_name = name;
            std::snprintf(row.since.data(), row.since.size(), "%s", today().c_str());
            m_capacity_rows.push_back(row);
        }
    }
    const auto& codes = core::capacity_status_codes();
    for (std::size_t i = 0; i < m_capacity_rows.size(); ++i) {
        CapacityRow& row = m_capacity_rows[i];
        const std::string id = "capacity." + std::to_string(i);
        begin_card(ctx, id);
        paragraph(ctx, row.service_name.c_str(), ctx.fonts.bold, p.text);
        begin_group(ctx, id + ".status", Role::RadioGroup, row.service_name);
        for (std::size_t k = 0; k < codes.size(); ++k) {
            const char* label = ctx.tr("ws.capacity.status." + codes[k]);
            if (k) same_line_if_fits(ctx, label);
            const std::string rid = id + ".status." + codes[k];
            if (radio(ctx, rid, label, row.status == static_cast<int>(k)))
                row.status = static_cast<int>(k);
        }
        end_group(ctx);
        text_field(ctx, id + ".since", ctx.tr("ws.capacity.since"), row.since.data(), row.since.size(), 0, 140 * ctx.scale);
        text_field(ctx, id + ".note", ctx.tr("ws.capacity.note"), row.note.data(), row.note.size());
        end_card();
    }
    if (small_button(ctx, "capacity.publish", ctx.tr("ws.capacity.publish"))) {
        try {
            if (store.data().key_sets.empty()) throw core::Error("capacity-update", "keys", "this site has no key to sign with");
            core::CapacityUpdate u{store.settings().name, "", now(), {}};
            for (const CapacityRow& row : m_capacity_rows)
                u.services.push_back({row.service_id, row.service_name, codes[static_cast<std::size_t>(row.status)],
                                      row.note.data(), row.since.data()});
            const std::string file = core::export_capacity_update(u, store.data().key_sets.front());
            std::string name = store.settings().name;
            for (char& c : name)
                if (!std::isalnum(static_cast<unsigned char>(c))) c = '-';
            m_platform.save_file("capacity-" + name + "-" + today() + ".txt", file, "text/plain");
            store.audit(actor(), "capacity-published", std::to_string(u.services.size()) + " services");
            changed();
            set_message(ctx.tr("ws.capacity.published"), false);
        } catch (const core::Error& e) {
            set_message(error_message(e), true);
        }
    }
}

}  // namespace safetynet::ui
