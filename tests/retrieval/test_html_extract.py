"""extract_html: the article's own paragraphs and metadata, nothing from the page around it."""

from __future__ import annotations

import pytest

from retrieval.html_extract import ExtractedArticle, ExtractionError, extract_html

PARAGRAPHS = [
    "The city council voted seven to two on Tuesday night to approve a new public park along "
    "the east bank of the river, ending a debate that had lasted nearly three years.",
    "The park will cover roughly twelve acres of former industrial land that the city bought "
    "from a shipping company in 2019. Planners expect construction to begin next spring.",
    "Supporters said the project would give residents of the crowded east side their first "
    'large green space. "Families here have waited a long time for this," said council member '
    "Maria Lopez.",
    "Opponents questioned the cost, which the city estimates at 18 million dollars, and asked "
    "whether the money would be better spent repairing roads and bridges.",
    "The plan includes walking trails, a playground, a small boat launch and a restored wetland "
    "that engineers say will help absorb flood water during heavy storms.",
    "The council will hold a public meeting next month to discuss the park's name, and "
    "residents can submit suggestions on the city website until the end of April.",
]

# Paragraph 3 is split over source lines and by a <br>, paragraph 4 carries inline markup:
# the output must still be one line each, with no markdown.
ARTICLE_HTML = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>City Council Approves New Riverside Park | The Daily Example</title>
<meta property="og:title" content="City Council Approves New Riverside Park">
<meta property="og:site_name" content="The Daily Example">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2024-03-15T09:30:00Z">
<meta name="description" content="The council voted 7-2 to fund a park.">
</head>
<body>
<header>
  <nav class="site-nav"><ul>
    <li><a href="/">Home</a></li><li><a href="/news">News</a></li>
    <li><a href="/sports">Sports</a></li><li><a href="/opinion">Opinion</a></li>
  </ul></nav>
  <div class="subscribe-banner">Subscribe now for unlimited access to all our journalism.</div>
</header>
<main>
<article>
  <h1>City Council Approves New Riverside Park</h1>
  <p class="byline">By <span class="author">Jane Doe</span> ·
     <time datetime="2024-03-15">March 15, 2024</time></p>
  <div class="share-buttons"><a href="#">Share on Facebook</a> <a href="#">Share on Twitter</a>
     <a href="#">Email this story</a></div>
  <p>{PARAGRAPHS[0]}</p>
  <p>{PARAGRAPHS[1]}</p>
  <h2>Supporters and critics</h2>
  <p>Supporters said the project would give residents of the crowded east side their first
     large green space.<br>"Families here have waited a long time for this," said council
     member Maria Lopez.</p>
  <p>Opponents questioned the <strong>cost</strong>, which the city estimates at
     <em>18 million dollars</em>, and asked whether the money would be better spent
     <a href="/roads">repairing roads</a> and bridges.</p>
  <p>{PARAGRAPHS[4]}</p>
  <p>{PARAGRAPHS[5]}</p>
  <div class="share-buttons"><a href="#">Share on Facebook</a>
     <a href="#">Share on Twitter</a></div>
</article>
<aside class="related"><h2>Related stories</h2><ul>
  <li><a href="/a">Bridge repairs delayed again</a></li>
  <li><a href="/b">Mayor announces budget</a></li></ul></aside>
<section id="comments" class="comments"><h3>Comments</h3>
  <div class="comment"><p>This is a waste of money, fix the roads first!</p></div></section>
</main>
<footer><p>© 2024 The Daily Example. All rights reserved.</p><ul>
  <li><a href="/privacy">Privacy policy</a></li><li><a href="/terms">Terms of use</a></li>
  <li><a href="/contact">Contact us</a></li></ul></footer>
</body>
</html>
"""

SHORT_PARAGRAPHS = [
    "The central library will stay open until nine in the evening on weekdays starting next "
    "month, the city announced on Thursday, after a survey found that many residents could "
    "not visit during working hours.",
    "Library director Alan Brooks said the change would cost about 150,000 dollars a year, "
    "mostly for extra staff. The money will come from a state grant that covers the next two "
    "years, and volunteers from the Friends of the Library group have offered to help.",
    "The branch libraries will keep their current hours for now. Brooks said the city would "
    "review visitor numbers in the autumn before deciding whether to extend hours at other "
    "locations as well. Residents can send comments to the library board by email.",
]

SHORT_HTML = f"""<html><head><title>Library extends hours</title></head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/local">Local</a></li><li><a href="/weather">Weather</a></li></ul></nav>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies.</div>
</header>
<div class="container"><div class="col-main">
<h1>Library extends hours</h1>
<div class="share"><a href="#">Facebook</a><a href="#">Twitter</a><a href="#">LinkedIn</a></div>
{"".join(f"<p>{p}</p>" for p in SHORT_PARAGRAPHS)}
</div><div class="sidebar"><h3>Most read</h3><ol><li><a href="/1">Traffic changes downtown</a></li>
<li><a href="/2">School board election results</a></li></ol>
<div class="newsletter">Sign up for our newsletter to get the top stories every morning.</div>
</div></div>
<footer><p>Copyright 2024 Example News Group. All rights reserved.</p></footer>
</body></html>
"""

LOGIN_HTML = """<html><head><title>Sign in</title></head><body>
<nav><a href="/">Home</a> <a href="/help">Help</a></nav>
<form action="/login" method="post">
  <label>Email</label><input name="email">
  <label>Password</label><input type="password" name="pw">
  <button>Sign in</button>
</form>
<p>Forgot your password?</p>
<footer><a href="/privacy">Privacy</a></footer>
</body></html>
"""

BOILERPLATE = (
    "Home",
    "Subscribe",
    "Share",
    "Facebook",
    "Email this",
    "Related",
    "Bridge repairs",
    "waste of money",
    "All rights reserved",
    "Privacy",
    "Comments",
    "By Jane Doe",
)


def test_realistic_page_gives_metadata_and_exactly_the_paragraphs() -> None:
    article = extract_html(ARTICLE_HTML, "https://news.example.com/park")

    assert isinstance(article, ExtractedArticle)
    assert article.title == "City Council Approves New Riverside Park"
    assert article.author == "Jane Doe"
    assert article.published == "2024-03-15"
    assert article.url == "https://news.example.com/park"
    assert article.text.split("\n\n") == PARAGRAPHS
    for furniture in BOILERPLATE:
        assert furniture not in article.text


def test_headings_are_dropped_and_no_markdown_survives() -> None:
    text = extract_html(ARTICLE_HTML).text

    assert "Supporters and critics" not in text
    assert "City Council Approves" not in text  # the headline lives in .title
    assert "\n\n\n" not in text
    assert all("\n" not in paragraph for paragraph in text.split("\n\n"))
    for marker in ("**", "*", "#", "[", "](", "- ", "> "):
        assert marker not in text


def test_bytes_input_matches_str_input() -> None:
    assert extract_html(ARTICLE_HTML.encode("utf-8")) == extract_html(ARTICLE_HTML)


def test_short_three_paragraph_article_still_extracts() -> None:
    assert 100 <= len(" ".join(SHORT_PARAGRAPHS).split()) <= 130
    article = extract_html(SHORT_HTML)

    assert article.text.split("\n\n") == SHORT_PARAGRAPHS
    assert article.title == "Library extends hours"


def test_copyright_year_is_not_taken_for_the_publication_date() -> None:
    # trafilatura's extensive date search would report 2024-01-01 from the footer.
    assert extract_html(SHORT_HTML).published is None


def test_list_items_and_quotes_are_paragraphs_of_their_own() -> None:
    html = f"""<html><head><title>Storm</title></head><body><article>
    <p>{SHORT_PARAGRAPHS[0]}</p>
    <blockquote>
      <p>"We expect most customers to have power back by Friday," she said.</p>
    </blockquote>
    <ul><li>Schools remain closed on Thursday.</li>
        <li>Shelters are open at the high school.</li></ul>
    <p>{SHORT_PARAGRAPHS[1]}</p>
    </article></body></html>"""

    assert extract_html(html).text.split("\n\n") == [
        SHORT_PARAGRAPHS[0],
        '"We expect most customers to have power back by Friday," she said.',
        "Schools remain closed on Thursday.",
        "Shelters are open at the high school.",
        SHORT_PARAGRAPHS[1],
    ]


@pytest.mark.parametrize(
    "html",
    [
        LOGIN_HTML,
        "<html><head><title>Empty</title></head><body></body></html>",
        "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></body></html>",
        "",
        b"   \n",
    ],
    ids=["login", "empty-body", "only-nav", "empty-string", "blank-bytes"],
)
def test_pages_without_article_text_raise(html: str | bytes) -> None:
    with pytest.raises(ExtractionError) as caught:
        extract_html(html)
    message = str(caught.value)
    assert message in {"I couldn't find any article text on that page.", "That page is empty."}


def _cp1252_page(declaration: str) -> bytes:
    paragraph = (
        "\u201cWe\u2019re not finished yet,\u201d the mayor said \u2013 and she promised that "
        "the caf\u00e9 on the corner would reopen before the summer festival begins."
    )
    html = (
        f"<html><head>{declaration}<title>Caf\u00e9 news</title></head><body><article>"
        f"<p>{paragraph}</p><p>{SHORT_PARAGRAPHS[0]}</p></article></body></html>"
    )
    return html.encode("cp1252")


@pytest.mark.parametrize(
    "declaration",
    [
        '<meta charset="windows-1252">',
        '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">',
        # Browsers read iso-8859-1 as windows-1252; so must we, or the quotes become C1 controls.
        '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">',
    ],
    ids=["meta-charset", "http-equiv", "latin1-label"],
)
def test_declared_charset_decodes_curly_quotes(declaration: str) -> None:
    article = extract_html(_cp1252_page(declaration))

    first = article.text.split("\n\n")[0]
    assert first.startswith("\u201cWe\u2019re not finished yet,\u201d the mayor said \u2013")
    assert "caf\u00e9" in first
    assert article.title == "Caf\u00e9 news"


def test_http_charset_is_used_when_the_page_declares_none() -> None:
    article = extract_html(_cp1252_page(""), charset="windows-1252")

    assert article.text.startswith("\u201cWe\u2019re not finished yet,\u201d")


def test_undeclared_utf8_bytes_decode() -> None:
    html = ARTICLE_HTML.replace('<meta charset="utf-8">', "").replace("Lopez", "L\u00f3pez")

    assert "Maria L\u00f3pez." in extract_html(html.encode("utf-8")).text
