"""How WordPress's importer reads a WXR file: its SimpleXML parser, run in PHP when installed."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

# What WordPress's importer sees: its SimpleXML parser (WXR_Parser_SimpleXML) step by step, in
# PHP, printing what it gathered as JSON. Run when PHP is installed (Debian: php-cli php-xml).
SIMPLEXML_READER = r"""<?php
libxml_use_internal_errors(true);
$dom = new DOMDocument;
if (!$dom->loadXML(file_get_contents($argv[1])) || isset($dom->doctype)) {
    fwrite(STDERR, "There was an error when reading this WXR file\n");
    exit(2);
}
$xml = simplexml_import_dom($dom);
$version = $xml->xpath('/rss/channel/wp:wxr_version');
if (!$version || !preg_match('/^\d+\.\d+$/', trim((string) $version[0]))) {
    fwrite(STDERR, "This does not appear to be a WXR file, missing/invalid WXR version number\n");
    exit(3);
}
$ns = $xml->getDocNamespaces();
$base = $xml->xpath('/rss/channel/wp:base_site_url');
$out = ['version' => trim((string) $version[0]), 'namespaces' => $ns,
        'base_url' => trim((string) $base[0]), 'authors' => [], 'categories' => [],
        'tags' => [], 'items' => []];
foreach ($xml->xpath('/rss/channel/wp:author') as $node) {
    $a = $node->children($ns['wp']);
    $out['authors'][(string) $a->author_login] = [(int) $a->author_id, (string) $a->author_email,
        (string) $a->author_display_name, (string) $a->author_first_name,
        (string) $a->author_last_name];
}
foreach ($xml->xpath('/rss/channel/wp:category') as $node) {
    $c = $node->children($ns['wp']);
    $out['categories'][] = [(string) $c->category_nicename, (string) $c->category_parent,
        (string) $c->cat_name, (string) $c->category_description];
}
foreach ($xml->xpath('/rss/channel/wp:tag') as $node) {
    $t = $node->children($ns['wp']);
    $out['tags'][(string) $t->tag_slug] = (string) $t->tag_name;
}
foreach ($xml->channel->item as $node) {
    $wp = $node->children($ns['wp']);
    $item = ['title' => (string) $node->title, 'guid' => (string) $node->guid,
        'creator' => (string) $node->children('http://purl.org/dc/elements/1.1/')->creator,
        'content' => (string) $node->children('http://purl.org/rss/1.0/modules/content/')->encoded,
        'excerpt' => (string) $node->children($ns['excerpt'])->encoded, 'terms' => [],
        'meta' => [], 'comments' => []];
    foreach (['post_id', 'post_parent', 'menu_order', 'is_sticky'] as $f) {
        $item[$f] = (int) $wp->$f;
    }
    foreach (['post_date', 'post_date_gmt', 'comment_status', 'ping_status', 'post_name',
              'status', 'post_type', 'post_password', 'attachment_url'] as $f) {
        $item[$f] = (string) $wp->$f;
    }
    foreach ($node->category as $c) {
        $att = $c->attributes();
        if (isset($att['nicename'])) {
            $item['terms'][] = [(string) $att['domain'], (string) $att['nicename'], (string) $c];
        }
    }
    foreach ($wp->postmeta as $m) {
        $item['meta'][(string) $m->meta_key] = (string) $m->meta_value;
    }
    foreach ($wp->comment as $c) {
        $comment = [];
        foreach (['comment_id', 'comment_author', 'comment_author_email', 'comment_author_url',
                  'comment_author_IP', 'comment_date', 'comment_date_gmt', 'comment_content',
                  'comment_approved', 'comment_type', 'comment_parent', 'comment_user_id'] as $f) {
            $comment[$f] = (string) $c->$f;
        }
        $item['comments'][] = $comment;
    }
    $out['items'][] = $item;
}
echo json_encode($out, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES);
"""


def wordpress_reads(path: Path, tmp_path: Path) -> dict:
    """The export as WordPress's importer reads it (a skip where PHP is not installed)."""
    php = shutil.which("php")
    if php is None:
        pytest.skip("php is not installed (apt-get install php-cli php-xml)")
    script = tmp_path / "read-wxr.php"
    script.write_text(SIMPLEXML_READER, encoding="utf-8")
    result = subprocess.run(
        [php, str(script), str(path)], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)
