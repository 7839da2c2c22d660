// The whole app: App with the staff workspace. In its own file so that a program that never
// calls this constructor (web/'s kiosk program) links none of the workspace (app.hpp).
#include "ui/app/app.hpp"

namespace safetynet::ui {
namespace {

class WorkspaceSide final : public StaffSide {
public:
    WorkspaceSide(Platform& platform, WorkspaceRole role, const SiteConfig& site, DirectoryService& directory)
        : m_workspace(platform, role, site, directory) {}
    void draw(Context& ctx) override { m_workspace.draw(ctx); }
    double redraw_due_at(double now) const override { return m_workspace.redraw_due_at(now); }
    void note_input(double now) override { m_workspace.note_input(now); }
    nlohmann::json state() const override { return m_workspace.state(); }

private:
    Workspace m_workspace;
};

std::unique_ptr<StaffSide> make_workspace(Platform& platform, WorkspaceRole role, const SiteConfig& site,
                                          DirectoryService& directory) {
    return std::make_unique<WorkspaceSide>(platform, role, site, directory);
}

}  // namespace

App::App(Platform& platform) : App(platform, &make_workspace) {}

}  // namespace safetynet::ui
