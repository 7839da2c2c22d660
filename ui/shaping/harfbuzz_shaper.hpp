#pragma once
// The TextShaper on HarfBuzz (OpenType shaping) and FriBidi (the Unicode bidirectional
// algorithm). Natively it links Debian's libharfbuzz and libfribidi; in the browser it is the
// whole of the shaping module (web/shaper), which the app loads only for right-to-left text.
#include "ui/shell/text_shaper.hpp"

#include <map>
#include <memory>

namespace safetynet::ui {

class HarfBuzzShaper final : public TextShaper {
public:
    HarfBuzzShaper();
    ~HarfBuzzShaper() override;
    HarfBuzzShaper(const HarfBuzzShaper&) = delete;
    HarfBuzzShaper& operator=(const HarfBuzzShaper&) = delete;

    bool add_font(std::uint16_t id, std::string_view bytes) override;
    ShapedParagraph layout(std::string_view utf8, BaseDirection direction, const std::vector<std::uint16_t>& fonts,
                           float em_px, float max_width) override;

    struct Font;

private:
    std::map<std::uint16_t, std::unique_ptr<Font>> m_fonts;
    struct Buffer;
    std::unique_ptr<Buffer> m_buffer;
};

}  // namespace safetynet::ui
