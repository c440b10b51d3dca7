import IMDMSCore
@testable import IMDMSWeb
import Testing

/// The markup type: text and attribute values are escaped on the way in, elements are written
/// as built, void elements have no end tag, flags are written only when on.
@Suite("Markup: HTML safe by type")
struct MarkupTests {
    @Test("Text and attribute values are escaped; markup inside markup is not escaped again")
    func escaping() {
        let hostile = "<script>alert(\"x\" & 'y')</script>"
        let markup = Markup.tag(.p, [.class(hostile)], .text(hostile), .tag(.em, text: "a < b"))
        #expect(markup.html == "<p class=\"&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;\">"
            + "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;<em>a &lt; b</em></p>")
    }

    @Test("Void elements have no end tag; flags appear only when on; joined puts the separator between parts")
    func shapes() {
        #expect(Markup.tag(.input, [.name("q"), .required, .flag("disabled", false)]).html == "<input name=\"q\" required>")
        #expect(Markup.option("a", "A", selected: true).html == "<option value=\"a\" selected>A</option>")
        #expect([Markup.text("a"), .text("b"), .text("c")].joined(separator: .text(" · ")).html == "a · b · c")
        #expect(Markup.postForm("/x", csrf: "t\"", [.id("f")], .submit("Go")).html
            == "<form method=\"post\" action=\"/x\" id=\"f\"><input type=\"hidden\" name=\"\(CSRFMiddleware.field)\" value=\"t&quot;\"><button type=\"submit\">Go</button></form>")
    }

    @Test("Escaping keeps text without special characters as it is, and letters beyond ASCII around the ones it replaces")
    func escapingBeyondASCII() {
        #expect(Markup.escape("Mohale’s Hoek — Maseru") == "Mohale’s Hoek — Maseru")
        #expect(Markup.escape("") == "")
        #expect(Markup.escape("Qacha’s Nek <b>\"Sehlabathebe\"</b> & 'Tšoelike' é👍🏽") ==
            "Qacha’s Nek &lt;b&gt;&quot;Sehlabathebe&quot;&lt;/b&gt; &amp; &#39;Tšoelike&#39; é👍🏽")
        #expect(Markup.escape("e\u{301}<") == "e\u{301}&lt;")
        // A quote followed by a combining mark is one Character but still a quote to a browser.
        #expect(Markup.escape("'\u{301} \"\u{301}") == "&#39;\u{301} &quot;\u{301}")
    }
}
