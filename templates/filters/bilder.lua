-- Images in Typst get their alternative text (PDF/UA needs it): the `alt` attribute
-- if the image has one, else its caption. Other formats use `alt` as they are.
function Image(img)
  if FORMAT:match("typst") then
    local alt = img.attributes["alt"] or pandoc.utils.stringify(img.caption)
    local escaped = alt:gsub("\\", "\\\\"):gsub('"', '\\"')
    local src = img.src:gsub("\\", "\\\\"):gsub('"', '\\"')
    return pandoc.RawInline("typst", string.format('#box(image("%s", alt: "%s", width: 100%%))', src, escaped))
  end
end
