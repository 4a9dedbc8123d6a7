//! The fishbone (Ishikawa) diagram as inline SVG, drawn at build time: the problem at the head on
//! the right, a spine, one bone per category alternating above and below the spine, each cause a
//! labelled twig on its bone and a link to its page. Also holds the small drawing helpers the
//! why-because graph (`super::graph`) shares: escaping, wrapping, numbers, the `<svg>` opening.

use super::{
    close_link, esc, ident, nothing_to_draw, num, open_link, open_svg, plural, text_block, wrap,
};
use std::fmt::Write as _;

/// One cause on a bone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoneCause {
    pub text: String,
    pub url: String,
    pub root: bool,
    /// KB-wide: how many incidents share the cause, shown as "×n" after the label.
    pub count: Option<usize>,
}

/// One bone: a category and its causes, in the order they are drawn (outer end first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bone {
    pub category_id: String,
    pub title: String,
    pub url: String,
    pub causes: Vec<BoneCause>,
}

/// Approximate width of one character at the 12 px label font.
pub(super) const CHAR_W: f64 = 6.5;

const WIDTH: f64 = 760.0;
const MARGIN: f64 = 12.0;
const HEAD_W: f64 = 150.0;
const HEAD_GAP: f64 = 18.0;
const HEAD_LINE_H: f64 = 16.0;
const HEAD_CHARS: usize = 16;
const HEAD_LINES: usize = 10;
/// How far left a bone's outer end sits from where it meets the spine.
const SLANT: f64 = 60.0;
const LINE_H: f64 = 14.0;
const SLOT_GAP: f64 = 8.0;
/// Room at a bone's outer end for its title.
const TITLE_ROOM: f64 = 28.0;
const TITLE_CHAR_W: f64 = 8.0;
/// Room kept free next to the spine.
const SPINE_GAP: f64 = 16.0;
const TWIG: f64 = 14.0;
const LABEL_PAD: f64 = 4.0;
/// Room kept between a label and the next bone to its left.
const COL_PAD: f64 = 16.0;
const MIN_HALF: f64 = 80.0;
const MAX_LINES: usize = 12;
const LEGEND_H: f64 = 26.0;

/// An Ishikawa diagram: the problem at the head (right), a spine, one bone per category
/// (alternating above and below the spine), each cause a labelled twig on its bone, root causes
/// marked with a ring, every cause a link. A bone without causes is drawn faint. With no causes
/// at all, a small SVG saying there is nothing to draw.
pub fn fishbone(id: &str, head: &str, bones: &[Bone]) -> String {
    let id = ident(id);
    let title = format!("Fishbone diagram: {head}");
    if bones.iter().all(|b| b.causes.is_empty()) {
        return nothing_to_draw(&id, "fishbone", &title, "No causes to draw.");
    }
    let geo = Geometry::new(head, bones);
    let mut out = String::new();
    let links = bones
        .iter()
        .any(|b| !b.url.is_empty() || b.causes.iter().any(|c| !c.url.is_empty()));
    open_svg(
        &mut out,
        &id,
        "diagram diagram-fishbone",
        (WIDTH, geo.height),
        (&title, &describe(head, bones)),
        links,
    );
    let _ = write!(
        out,
        r#"<line class="fb-spine" x1="{}" y1="{y}" x2="{}" y2="{y}"/>"#,
        num(MARGIN),
        num(geo.head_x()),
        y = num(geo.spine_y)
    );
    for (i, bone) in bones.iter().enumerate() {
        draw_bone(&mut out, &geo, i, bone);
    }
    draw_head(&mut out, &geo, head);
    draw_legend(&mut out, &geo, bones);
    out.push_str("</svg>");
    out
}

/// Where everything goes: bone columns, the spine and how far the bones reach from it.
struct Geometry {
    col_w: f64,
    /// Characters per label line.
    chars: usize,
    head: (Vec<String>, bool),
    spine_y: f64,
    above: f64,
    below: f64,
    height: f64,
}

impl Geometry {
    fn new(head: &str, bones: &[Bone]) -> Geometry {
        let cols = bones.len().div_ceil(2).max(1);
        let col_w = (WIDTH - 2.0 * MARGIN - HEAD_W - HEAD_GAP - SLANT) / cols as f64;
        let chars = ((col_w - TWIG - LABEL_PAD - COL_PAD) / CHAR_W).clamp(8.0, 32.0) as usize;
        let head = wrap(head, HEAD_CHARS, HEAD_LINES);
        let head_half = head_height(head.0.len()) / 2.0 + SPINE_GAP / 2.0;
        let reach = |parity: usize| {
            bones
                .iter()
                .enumerate()
                .filter(|(i, _)| i % 2 == parity)
                .map(|(_, b)| bone_need(b, chars))
                .fold(MIN_HALF.max(head_half), f64::max)
        };
        let (above, below) = (reach(0), reach(1));
        let legend = if needs_legend(bones) { LEGEND_H } else { 0.0 };
        Geometry {
            col_w,
            chars,
            head,
            spine_y: MARGIN + above,
            above,
            below,
            height: MARGIN + above + below + MARGIN + legend,
        }
    }

    fn head_x(&self) -> f64 {
        WIDTH - MARGIN - HEAD_W
    }

    /// Where bone `i` meets the spine.
    fn attach_x(&self, i: usize) -> f64 {
        MARGIN + SLANT + (i / 2 + 1) as f64 * self.col_w
    }
}

fn head_height(lines: usize) -> f64 {
    (lines as f64 * HEAD_LINE_H + 20.0).max(44.0)
}

fn needs_legend(bones: &[Bone]) -> bool {
    bones
        .iter()
        .flat_map(|b| &b.causes)
        .any(|c| c.root || c.count.is_some())
}

/// How far from the spine bone `b` must reach for its labels not to overlap.
fn bone_need(b: &Bone, chars: usize) -> f64 {
    let causes: f64 = b.causes.iter().map(|c| Twig::new(c, chars).height()).sum();
    TITLE_ROOM + 4.0 + SPINE_GAP + causes
}

/// A cause ready to draw: its label wrapped, its count suffix.
struct Twig<'a> {
    cause: &'a BoneCause,
    lines: Vec<String>,
    suffix: String,
}

impl<'a> Twig<'a> {
    fn new(cause: &'a BoneCause, chars: usize) -> Twig<'a> {
        let suffix = cause.count.map(|n| format!(" ×{n}")).unwrap_or_default();
        let room = chars.saturating_sub(suffix.chars().count()).max(4);
        let mut lines = wrap(&cause.text, room, MAX_LINES).0;
        if lines.is_empty() {
            lines.push(String::new());
        }
        Twig {
            cause,
            lines,
            suffix,
        }
    }

    fn height(&self) -> f64 {
        self.lines.len() as f64 * LINE_H + SLOT_GAP
    }
}

/// Draws bone `i`: its line, its title at the outer end and its causes spread along it.
fn draw_bone(out: &mut String, geo: &Geometry, i: usize, bone: &Bone) {
    let up = i.is_multiple_of(2);
    let sign = if up { -1.0 } else { 1.0 };
    let half = if up { geo.above } else { geo.below };
    let len = half - TITLE_ROOM;
    let (xa, sy) = (geo.attach_x(i), geo.spine_y);
    let empty = if bone.causes.is_empty() {
        " fb-empty"
    } else {
        ""
    };
    let _ = write!(
        out,
        r#"<g class="fb-bone-group cat-{}{empty}"><line class="fb-bone" x1="{}" y1="{}" x2="{}" y2="{}"/>"#,
        ident(&bone.category_id),
        num(xa),
        num(sy),
        num(xa - SLANT),
        num(sy + sign * len)
    );
    let title_y = if up { sy - len - 10.0 } else { sy + len + 18.0 };
    draw_bone_title(out, geo, bone, (xa - SLANT, title_y));
    let twigs: Vec<Twig> = bone
        .causes
        .iter()
        .map(|c| Twig::new(c, geo.chars))
        .collect();
    let used: f64 = twigs.iter().map(Twig::height).sum();
    let slack = (len - 4.0 - SPINE_GAP - used).max(0.0) / twigs.len().max(1) as f64;
    let mut top = len - 4.0;
    for twig in &twigs {
        let h = twig.height() + slack;
        let d = top - h / 2.0;
        top -= h;
        draw_twig(out, twig, (xa - SLANT * d / len, sy + sign * d));
    }
    out.push_str("</g>");
}

fn draw_bone_title(out: &mut String, geo: &Geometry, bone: &Bone, (x, y): (f64, f64)) {
    let chars = ((geo.col_w - 8.0) / TITLE_CHAR_W).max(4.0) as usize;
    let (lines, cut) = wrap(&bone.title, chars, 1);
    let text = lines.first().map(String::as_str).unwrap_or_default();
    open_link(out, &bone.url, "fb-bone-link");
    if cut {
        let _ = write!(out, "<title>{}</title>", esc(&bone.title));
    }
    let _ = write!(
        out,
        r#"<text class="fb-bone-title" x="{}" y="{}" text-anchor="middle">{}</text>"#,
        num(x),
        num(y),
        esc(text)
    );
    close_link(out, &bone.url);
}

/// Draws one cause whose twig leaves the bone at `(bx, ty)`: a link around the twig, the root
/// ring and the label, with the full text as its tooltip.
fn draw_twig(out: &mut String, twig: &Twig, (bx, ty): (f64, f64)) {
    let c = twig.cause;
    let class = if c.root { "fb-cause root" } else { "fb-cause" };
    open_link(out, &c.url, class);
    let _ = write!(out, "<title>{}</title>", esc(&tooltip(c)));
    let _ = write!(
        out,
        r#"<line class="fb-twig" x1="{}" y1="{y}" x2="{}" y2="{y}"/>"#,
        num(bx),
        num(bx - TWIG),
        y = num(ty)
    );
    if c.root {
        let _ = write!(
            out,
            r#"<circle class="fb-root-mark" cx="{}" cy="{}" r="4.5"/>"#,
            num(bx),
            num(ty)
        );
    }
    let first_y = ty - (twig.lines.len() as f64 - 1.0) * LINE_H / 2.0 + 4.0;
    let tail = if twig.suffix.is_empty() {
        String::new()
    } else {
        format!(r#"<tspan class="fb-count">{}</tspan>"#, esc(&twig.suffix))
    };
    text_block(
        out,
        r#"class="fb-label" text-anchor="end""#,
        (bx - TWIG - LABEL_PAD, first_y),
        LINE_H,
        &twig.lines,
        &tail,
    );
    close_link(out, &c.url);
}

fn tooltip(c: &BoneCause) -> String {
    let mut t = if c.count.is_some() || c.root {
        sentence_body(&c.text).to_string()
    } else {
        c.text.clone()
    };
    if let Some(n) = c.count {
        let _ = write!(t, " (×{n}: {})", plural(n, "incident", "incidents"));
    }
    if c.root {
        t.push_str(" (root cause)");
    }
    t
}

fn draw_head(out: &mut String, geo: &Geometry, full: &str) {
    let (lines, cut) = &geo.head;
    let h = head_height(lines.len());
    let x = geo.head_x();
    out.push_str(r#"<g class="fb-head">"#);
    if *cut {
        let _ = write!(out, "<title>{}</title>", esc(full));
    }
    let _ = write!(
        out,
        r#"<rect x="{}" y="{}" width="{}" height="{}" rx="10"/>"#,
        num(x),
        num(geo.spine_y - h / 2.0),
        num(HEAD_W),
        num(h)
    );
    let first_y = geo.spine_y - (lines.len() as f64 - 1.0) * HEAD_LINE_H / 2.0 + 4.5;
    text_block(
        out,
        r#"class="fb-head-text" text-anchor="middle""#,
        (x + HEAD_W / 2.0, first_y),
        HEAD_LINE_H,
        lines,
        "",
    );
    out.push_str("</g>");
}

/// A key under the diagram for the root ring and the "×n" counts, when either is used.
fn draw_legend(out: &mut String, geo: &Geometry, bones: &[Bone]) {
    let causes = || bones.iter().flat_map(|b| &b.causes);
    let y = geo.height - MARGIN - 6.0;
    let mut x = MARGIN + 6.0;
    let mut items = String::new();
    if causes().any(|c| c.root) {
        let _ = write!(
            items,
            r#"<circle class="fb-root-mark" cx="{}" cy="{}" r="4.5"/><text class="fb-legend-text" x="{}" y="{}">root cause</text>"#,
            num(x),
            num(y - 4.0),
            num(x + 10.0),
            num(y)
        );
        x += 110.0;
    }
    if causes().any(|c| c.count.is_some()) {
        let _ = write!(
            items,
            r#"<text class="fb-legend-text" x="{}" y="{}">×n: number of incidents with the cause</text>"#,
            num(x - 6.0),
            num(y)
        );
    }
    if !items.is_empty() {
        let _ = write!(out, r#"<g class="fb-legend">{items}</g>"#);
    }
}

/// The diagram in words, for `<desc>`.
fn describe(head: &str, bones: &[Bone]) -> String {
    let total: usize = bones.iter().map(|b| b.causes.len()).sum();
    let mut d = format!(
        "Fishbone of {} in {} leading to “{head}”.",
        plural(total, "cause", "causes"),
        plural(bones.len(), "category", "categories")
    );
    for b in bones {
        let causes: Vec<String> = b.causes.iter().map(describe_cause).collect();
        let list = if causes.is_empty() {
            "none".to_string()
        } else {
            causes.join("; ")
        };
        let _ = write!(d, " {}: {list}.", b.title);
    }
    d
}

fn describe_cause(c: &BoneCause) -> String {
    let mut s = sentence_body(&c.text).to_string();
    if let Some(n) = c.count {
        let _ = write!(s, " ×{n}");
    }
    if c.root {
        s.push_str(" (root cause)");
    }
    s
}

/// A cause's text without its closing full stop, for the description's own sentences (a
/// cause written as a sentence would end "work.." or "work. (root cause)"). An ellipsis stays.
pub(super) fn sentence_body(text: &str) -> &str {
    let t = text.trim_end();
    match t.strip_suffix('.') {
        Some(rest) if !rest.ends_with('.') => rest,
        _ => t,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_xml(s: &str) -> Result<(), String> {
        roxmltree::Document::parse(s)
            .map(|_| ())
            .map_err(|e| e.to_string())
    }

    fn cause(text: &str, url: &str, root: bool) -> BoneCause {
        BoneCause {
            text: text.into(),
            url: url.into(),
            root,
            count: None,
        }
    }

    fn bone(id: &str, title: &str, causes: Vec<BoneCause>) -> Bone {
        Bone {
            category_id: id.into(),
            title: title.into(),
            url: format!("/categories/{id}/"),
            causes,
        }
    }

    /// Five categories, two of them (tools, documentation) empty.
    fn five() -> Vec<Bone> {
        vec![
            bone(
                "people",
                "People",
                vec![cause(
                    "On-call engineer was new",
                    "/causes/new-oncall/",
                    false,
                )],
            ),
            bone(
                "process",
                "Process",
                vec![
                    cause("No review of settings files", "/causes/no-review/", true),
                    cause("Deploys at peak hours", "/causes/peak-deploys/", false),
                ],
            ),
            bone("tools", "Tools", vec![]),
            bone(
                "environment",
                "Environment",
                vec![cause(
                    "Settings file only used in production",
                    "/causes/prod-only/",
                    true,
                )],
            ),
            bone("documentation", "Documentation", vec![]),
        ]
    }

    /// The `y` of every `<tspan>` in `svg`, in order.
    fn tspan_ys(svg: &str) -> Vec<f64> {
        svg.split("<tspan ")
            .skip(1)
            .filter_map(|t| t.split("y=\"").nth(1)?.split('"').next()?.parse().ok())
            .collect()
    }

    #[test]
    fn five_categories_two_empty() {
        let svg = fishbone("fb", "Contact form timed out", &five());
        check_xml(&svg).unwrap();
        assert!(svg.starts_with(r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 760 "#));
        // Its causes are links, so it is a labelled group, not an image (whose content is
        // presentational: axe's nested-interactive).
        assert!(svg.contains(
            r#"class="diagram diagram-fishbone" role="group" aria-labelledby="fb-title" aria-describedby="fb-desc""#
        ));
        assert!(svg.contains(r#"<title id="fb-title">"#) && svg.contains(r#"<desc id="fb-desc">"#));
        assert_eq!(svg.matches(r#"<line class="fb-bone""#).count(), 5);
        assert_eq!(svg.matches("fb-empty").count(), 2);
        assert!(svg.contains("fb-bone-group cat-tools fb-empty"));
        assert!(svg.contains("fb-bone-group cat-documentation fb-empty"));
        assert!(svg.contains("fb-spine") && svg.contains("fb-head"));
        for c in five().iter().flat_map(|b| b.causes.clone()) {
            assert!(svg.contains(&format!(r#"<a href="{}" class="fb-cause"#, c.url)));
        }
        for t in ["People", "Process", "Tools", "Environment", "Documentation"] {
            assert!(svg.contains(&format!(">{t}</text>")), "{t}");
        }
        assert!(svg.contains(r#"href="/categories/tools/""#));
        assert!(svg.contains("Contact form timed"));
    }

    #[test]
    fn svg_root_carries_its_natural_size() {
        let svg = fishbone("fb", "p", &five());
        let open = &svg[..svg.find('>').unwrap()];
        let vb = open.split("viewBox=\"0 0 ").nth(1).unwrap();
        let (w, h) = vb[..vb.find('"').unwrap()].split_once(' ').unwrap();
        assert!(
            open.contains(&format!(r#" width="{w}" height="{h}""#)),
            "{open}"
        );
        assert!(!svg.contains("style=") && !svg.contains("fill=") && !svg.contains("stroke="));
    }

    #[test]
    fn labels_and_root_markers() {
        let svg = fishbone("fb", "p", &five());
        assert_eq!(svg.matches(r#"class="fb-cause root""#).count(), 2);
        assert_eq!(svg.matches(r#"class="fb-cause""#).count(), 2);
        // Two rings on twigs, one in the legend.
        assert_eq!(svg.matches("fb-root-mark").count(), 3);
        assert!(svg.contains("root cause</text>"));
        assert!(svg.contains("<title>No review of settings files (root cause)</title>"));
        assert!(svg.contains(">On-call engineer was</tspan>") && svg.contains(">new</tspan>"));
    }

    #[test]
    fn desc_lists_content_in_words() {
        let svg = fishbone("fb", "Outage", &five());
        assert!(svg.contains(
            "Fishbone of 4 causes in 5 categories leading to “Outage”. People: On-call engineer \
             was new. Process: No review of settings files (root cause); Deploys at peak hours. \
             Tools: none."
        ));
    }

    #[test]
    fn desc_does_not_double_a_cause_sentence_full_stop() {
        let bones = vec![bone(
            "people",
            "People",
            vec![
                cause("The handover left out the replica work.", "/c/a/", false),
                cause("The runbook was out of date.", "/c/b/", true),
                cause("Nobody knew why...", "/c/c/", false),
            ],
        )];
        let svg = fishbone("fb", "Outage", &bones);
        assert!(svg.contains(
            "People: The handover left out the replica work; The runbook was out of date (root \
             cause); Nobody knew why...."
        ));
        assert!(!svg.contains("work.;") && !svg.contains("date. (root"));
    }

    #[test]
    fn long_labels_are_wrapped_and_cut() {
        let long = "word ".repeat(120);
        let bones = vec![bone("tools", "Tools", vec![cause(&long, "/c/", false)])];
        let svg = fishbone("fb", "p", &bones);
        check_xml(&svg).unwrap();
        let label = svg.split(r#"class="fb-label""#).nth(1).unwrap();
        let label = &label[..label.find("</text>").unwrap()];
        assert_eq!(label.matches("<tspan").count(), MAX_LINES);
        assert!(label.contains("…</tspan>"));
        assert!(svg.contains(&format!("<title>{}</title>", long)));
    }

    #[test]
    fn a_sentence_long_label_is_shown_in_full() {
        let text = "The deploy pipeline let a settings file through without a review because only code was reviewed";
        let bones = vec![bone("tools", "Tools", vec![cause(text, "/c/", false)])];
        let svg = fishbone(
            "fb",
            "A long effect that names the service, what its users saw and for how long",
            &bones,
        );
        check_xml(&svg).unwrap();
        assert!(!svg.contains('…'), "{svg}");
        let label = svg.split(r#"class="fb-label""#).nth(1).unwrap();
        let label = &label[..label.find("</text>").unwrap()];
        let shown: Vec<&str> = label
            .split("\">")
            .skip(1)
            .map(|l| &l[..l.find('<').unwrap()])
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(shown.join(" "), text);
    }

    #[test]
    fn wrap_breaks_words_and_cuts() {
        assert_eq!(
            wrap("a bb ccc", 4, 3),
            (vec!["a bb".into(), "ccc".into()], false)
        );
        assert_eq!(
            wrap("abcdefgh", 3, 3),
            (vec!["abc".into(), "def".into(), "gh".into()], false)
        );
        let (lines, cut) = wrap("one two three four five six", 7, 2);
        assert!(cut);
        assert_eq!(lines, vec!["one two".to_string(), "three…".into()]);
        assert!(lines.iter().all(|l| l.chars().count() <= 7));
        assert_eq!(wrap("", 5, 3), (vec![], false));
    }

    #[test]
    fn counts_follow_the_label() {
        let mut bones = five();
        bones[1].causes[0].count = Some(7);
        let svg = fishbone("kb", "Most frequent causes", &bones);
        check_xml(&svg).unwrap();
        assert!(svg.contains(r#"files<tspan class="fb-count"> ×7</tspan></tspan>"#));
        assert!(svg.contains("×n: number of incidents"));
        assert!(svg.contains("(×7: 7 incidents) (root cause)</title>"));
    }

    #[test]
    fn height_grows_so_labels_never_overlap() {
        let many: Vec<BoneCause> = (0..12)
            .map(|i| {
                cause(
                    &format!("cause number {i} with a fairly long label"),
                    "/c/",
                    false,
                )
            })
            .collect();
        let small = fishbone("fb", "p", &[bone("tools", "Tools", many[..2].to_vec())]);
        let big = fishbone("fb", "p", &[bone("tools", "Tools", many)]);
        let height = |s: &str| -> f64 {
            let vb = s.split("viewBox=\"0 0 760 ").nth(1).unwrap();
            vb[..vb.find('"').unwrap()].parse().unwrap()
        };
        assert!(height(&big) > height(&small) + 200.0);
        let ys = tspan_ys(&big[..big.find("fb-head").unwrap()]);
        // One bone: the labels run from the outer end towards the spine, so the lines' baselines
        // strictly increase, at least a line apart.
        assert!(
            ys.windows(2).all(|w| w[1] - w[0] >= LINE_H - 0.01),
            "{ys:?}"
        );
    }

    #[test]
    fn escapes_text_and_urls() {
        let bones = vec![bone(
            "a<b",
            "Tools & <stuff>",
            vec![cause("x < y && z > \"w\" 'q'", "/c/?a=1&b=<2>", true)],
        )];
        let svg = fishbone("f\"b", "<script>&</script>", &bones);
        check_xml(&svg).unwrap();
        assert!(!svg.contains("<script>") && !svg.contains("<b"));
        assert!(svg.contains("Tools &amp; &lt;stuff&gt;"));
        assert!(svg.contains(r#"href="/c/?a=1&amp;b=&lt;2&gt;""#));
        assert!(svg.contains("cat-a-b"));
        assert!(svg.contains(r#"id="f-b-title""#));
        assert_eq!(esc("a\u{1}b\u{fffe}"), "ab");
    }

    #[test]
    fn without_links_it_is_one_image() {
        let mut b = bone("tools", "Tools", vec![cause("Unlinked cause", "", false)]);
        b.url = String::new();
        let svg = fishbone("fb", "p", &[b]);
        assert!(
            svg.contains(r#"role="img" aria-labelledby="fb-title fb-desc""#),
            "{svg}"
        );
        assert!(!svg.contains("<a "));
    }

    #[test]
    fn nothing_to_draw_when_empty() {
        for bones in [vec![], vec![bone("tools", "Tools", vec![])]] {
            let svg = fishbone("fb", "p", &bones);
            check_xml(&svg).unwrap();
            assert!(svg.contains("No causes to draw."));
            assert!(svg.contains("diagram diagram-fishbone"));
        }
    }

    #[test]
    fn many_categories_and_one() {
        let bones: Vec<Bone> = (0..9)
            .map(|i| {
                bone(
                    &format!("c{i}"),
                    &format!("Category {i}"),
                    vec![cause("x", "/x/", false)],
                )
            })
            .collect();
        let svg = fishbone("fb", "p", &bones);
        check_xml(&svg).unwrap();
        assert_eq!(svg.matches(r#"<line class="fb-bone""#).count(), 9);
        let one = fishbone("fb", "p", &bones[..1]);
        check_xml(&one).unwrap();
    }

    #[test]
    fn numbers_are_tidy() {
        assert_eq!(num(1.0), "1");
        assert_eq!(num(-0.01), "0");
        assert_eq!(num(2.25), "2.3");
        assert_eq!(num(f64::NAN), "0");
        assert_eq!(num(-3.5), "-3.5");
    }
}
