"""WordPress's `wpautop`: blank-line-separated text of a classic HTML body as paragraphs.

A faithful port of WordPress's own function (wp-includes/formatting.php), so that imported
posts break into paragraphs and line breaks exactly where WordPress showed them.
"""

import re

BLOCKS = (
    r"(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre"
    r"|form|map|area|blockquote|address|style|p|h[1-6]|hr|fieldset|legend|section|article"
    r"|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)"
)
NEWLINE_MARK = " <!-- wpnl --> "
_TAG_OR_COMMENT = re.compile(r"<!--.*?-->|<[^>]*>", re.DOTALL)
_PRE = re.compile(r"<pre\b.*?</pre>", re.DOTALL | re.IGNORECASE)
_OPEN_BLOCK = re.compile(r"(<" + BLOCKS + r"[\s/>])")
_CLOSE_BLOCK = re.compile(r"(</" + BLOCKS + r">)")
_BLOCK_TAG = r"(</?" + BLOCKS + r"[^>]*>)"


def _newlines_in_tags(text: str) -> str:
    """Newlines inside tags and comments hidden, so they do not become `<br />`."""
    return _TAG_OR_COMMENT.sub(lambda m: m.group(0).replace("\n", NEWLINE_MARK), text)


def wpautop(text: str, br: bool = True) -> str:
    """`text` with double line breaks as paragraphs and single ones as `<br />`."""
    if not text.strip():
        return ""
    text += "\n"
    pre_tags: dict[str, str] = {}

    def keep_pre(match: re.Match) -> str:
        name = f"<pre wp-pre-tag-{len(pre_tags)}></pre>"
        pre_tags[name] = match.group(0)
        return name

    text = _PRE.sub(keep_pre, text)
    text = re.sub(r"<br\s*/?>\s*<br\s*/?>", "\n\n", text)
    text = _OPEN_BLOCK.sub(r"\n\n\1", text)
    text = _CLOSE_BLOCK.sub(r"\1\n\n", text)
    text = re.sub(r"(<hr\s*?/?>)", r"\1\n\n", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _newlines_in_tags(text)
    if "<option" in text:
        text = re.sub(r"\s*<option", "<option", text)
        text = re.sub(r"</option>\s*", "</option>", text)
    if "</object>" in text:
        text = re.sub(r"(<object[^>]*>)\s*", r"\1", text)
        text = re.sub(r"\s*</object>", "</object>", text)
        text = re.sub(r"\s*(</?(?:param|embed)[^>]*>)\s*", r"\1", text)
    if "<source" in text or "<track" in text:
        text = re.sub(r"([<\[](?:audio|video)[^>\]]*[>\]])\s*", r"\1", text)
        text = re.sub(r"\s*([<\[]/(?:audio|video)[>\]])", r"\1", text)
        text = re.sub(r"\s*(<(?:source|track)[^>]*>)\s*", r"\1", text)
    if "<figcaption" in text:
        text = re.sub(r"\s*(<figcaption[^>]*>)", r"\1", text)
        text = re.sub(r"</figcaption>\s*", "</figcaption>", text)
    text = re.sub(r"\n\n+", "\n\n", text)
    chunks = [c for c in re.split(r"\n\s*\n", text) if c]
    text = "".join("<p>" + chunk.strip("\n") + "</p>\n" for chunk in chunks)
    text = re.sub(r"<p>\s*</p>", "", text)
    text = re.sub(r"<p>([^<]+)</(div|address|form)>", r"<p>\1</p></\2>", text)
    text = re.sub(r"<p>\s*" + _BLOCK_TAG + r"\s*</p>", r"\1", text)
    text = re.sub(r"<p>(<li.+?)</p>", r"\1", text)
    text = re.sub(r"<p><blockquote([^>]*)>", r"<blockquote\1><p>", text, flags=re.IGNORECASE)
    text = text.replace("</blockquote></p>", "</p></blockquote>")
    text = re.sub(r"<p>\s*" + _BLOCK_TAG, r"\1", text)
    text = re.sub(_BLOCK_TAG + r"\s*</p>", r"\1", text)
    if br:
        text = re.sub(
            r"<(script|style|svg|math).*?</\1>",
            lambda m: m.group(0).replace("\n", "<WPPreserveNewline />"),
            text,
            flags=re.DOTALL,
        )
        text = text.replace("<br>", "<br />").replace("<br/>", "<br />")
        text = re.sub(r"(?<!<br />)\s*\n", "<br />\n", text)
        text = text.replace("<WPPreserveNewline />", "\n")
    text = re.sub(_BLOCK_TAG + r"\s*<br />", r"\1", text)
    text = re.sub(r"<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)", r"\1", text)
    text = re.sub(r"\n</p>$", "</p>", text)
    for name, original in pre_tags.items():
        text = text.replace(name, original)
    return text.replace(NEWLINE_MARK, "\n").replace("<!-- wpnl -->", "\n")
