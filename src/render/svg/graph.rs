//! The why-because graph of one incident as inline SVG, drawn at build time with a layered
//! (Sugiyama-style) layout: cycles broken, longest-path layers under the problem, long edges
//! split by dummy vertices, crossings reduced by barycenter sweeps, then x positions pulled
//! towards neighbours. Arrows point from an effect down to its cause.

use super::fishbone::CHAR_W;
use super::{
    close_link, esc, ident, nothing_to_draw, num, open_link, open_svg, plural, text_block, wrap,
};
use std::collections::{BTreeSet, VecDeque};
use std::fmt::Write as _;

/// A cause in the graph: a box linking to the cause's page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub id: String,
    pub label: String,
    pub url: String,
    pub root: bool,
}

const MARGIN: f64 = 16.0;
const MIN_WIDTH: f64 = 320.0;
const H_GAP: f64 = 28.0;
const DUMMY_W: f64 = 8.0;
const LAYER_GAP: f64 = 56.0;
const LINE_H: f64 = 15.0;
const PAD_X: f64 = 10.0;
const PAD_Y: f64 = 9.0;
const MIN_BOX_W: f64 = 64.0;
const NODE_CHARS: usize = 28;
const PROBLEM_CHARS: usize = 40;
/// Approximate width of one character of the bold 13 px problem text.
const PROBLEM_CHAR_W: f64 = 8.0;
const MAX_LINES: usize = 12;
const SWEEPS: usize = 8;
const LEGEND_H: f64 = 28.0;
const ROOT_MARK: &str = "★ ";

/// The why-because graph: the problem box at the top, each cause below the effects it explains
/// (longest-path layers, so root causes end at the bottom), arrows from effect to cause, root
/// causes marked ★, each node a link. Edges are `(effect, cause)`: node `effect` happened
/// because of node `cause` (indices into `nodes`). Bad indices, self-loops and duplicates are
/// ignored and cycles are broken, so any input gives a drawing. With no nodes, a small SVG
/// saying there is nothing to draw.
pub fn why_because(id: &str, problem: &str, nodes: &[Node], edges: &[(usize, usize)]) -> String {
    let id = ident(id);
    let title = format!("Why-because graph: {problem}");
    if nodes.is_empty() {
        return nothing_to_draw(&id, "graph", &title, "No causes to draw.");
    }
    let dag = acyclic(nodes.len(), edges);
    let layout = Layout::new(problem, nodes, &dag);
    let mut out = String::new();
    open_svg(
        &mut out,
        &id,
        "diagram diagram-graph",
        (layout.width, layout.height),
        (&title, &describe(problem, nodes, &dag)),
        nodes.iter().any(|n| !n.url.is_empty()),
    );
    write_defs(&mut out, &id);
    for route in &layout.routes {
        draw_route(&mut out, &layout, route, &id);
    }
    draw_problem(&mut out, &layout, problem);
    for (i, node) in nodes.iter().enumerate() {
        draw_node(&mut out, &layout, i + 1, node);
    }
    draw_legend(&mut out, &layout, nodes.iter().any(|n| n.root));
    out.push_str("</svg>");
    out
}

// ── Graph: clean-up, cycles, layers ──────────────────────────────────────────────────────────

/// The edges in node indices, valid and unique, with every cycle broken (input order kept).
fn acyclic(n: usize, edges: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut seen = BTreeSet::new();
    let clean: Vec<(usize, usize)> = edges
        .iter()
        .copied()
        .filter(|&(a, b)| a < n && b < n && a != b && seen.insert((a, b)))
        .collect();
    break_cycles(n, &clean)
}

/// Drops the back edges of a depth-first search (iterative, so deep graphs cannot overflow the
/// stack) started from the nodes nothing points to, then from the rest in order.
fn break_cycles(n: usize, edges: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut out: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n];
    let mut indeg = vec![0usize; n];
    for (k, &(a, b)) in edges.iter().enumerate() {
        out[a].push((b, k));
        indeg[b] += 1;
    }
    // 0: not seen, 1: on the DFS stack, 2: done.
    let mut state = vec![0u8; n];
    let mut keep = vec![true; edges.len()];
    let starts = (0..n).filter(|&v| indeg[v] == 0).chain(0..n);
    for s in starts {
        if state[s] != 0 {
            continue;
        }
        state[s] = 1;
        let mut stack = vec![(s, 0usize)];
        while let Some(top) = stack.last_mut() {
            let (v, i) = *top;
            let Some(&(w, k)) = out[v].get(i) else {
                state[v] = 2;
                stack.pop();
                continue;
            };
            top.1 += 1;
            match state[w] {
                0 => {
                    state[w] = 1;
                    stack.push((w, 0));
                }
                1 => keep[k] = false,
                _ => {}
            }
        }
    }
    edges
        .iter()
        .zip(keep)
        .filter_map(|(&e, k)| k.then_some(e))
        .collect()
}

/// Vertex edges: vertex 0 is the problem, node `i` is vertex `i + 1`; the problem points to
/// every node that is not the cause of anything.
fn vertex_edges(n: usize, dag: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut caused = vec![false; n];
    for &(_, b) in dag {
        caused[b] = true;
    }
    let mut edges: Vec<(usize, usize)> = dag.iter().map(|&(a, b)| (a + 1, b + 1)).collect();
    edges.extend((0..n).filter(|&v| !caused[v]).map(|v| (0, v + 1)));
    edges
}

/// Longest-path layers over an acyclic edge list: each vertex one below its lowest effect.
fn longest_path(nv: usize, edges: &[(usize, usize)]) -> Vec<usize> {
    let mut succ: Vec<Vec<usize>> = vec![Vec::new(); nv];
    let mut indeg = vec![0usize; nv];
    for &(a, b) in edges {
        succ[a].push(b);
        indeg[b] += 1;
    }
    let mut layer = vec![0usize; nv];
    let mut queue: VecDeque<usize> = (0..nv).filter(|&v| indeg[v] == 0).collect();
    while let Some(v) = queue.pop_front() {
        for &w in &succ[v] {
            layer[w] = layer[w].max(layer[v] + 1);
            indeg[w] -= 1;
            if indeg[w] == 0 {
                queue.push_back(w);
            }
        }
    }
    layer
}

// ── Layout ───────────────────────────────────────────────────────────────────────────────────

/// An edge as drawn: from an effect to a cause through the dummy vertices of the layers between.
struct Route {
    from: usize,
    to: usize,
    via: Vec<usize>,
}

/// Vertices (problem, nodes, then dummies) with their layers, order, sizes and positions.
struct Layout {
    layer: Vec<usize>,
    layers: Vec<Vec<usize>>,
    preds: Vec<Vec<usize>>,
    succs: Vec<Vec<usize>>,
    routes: Vec<Route>,
    /// Label lines of the problem and the nodes; empty for dummies.
    lines: Vec<Vec<String>>,
    w: Vec<f64>,
    h: Vec<f64>,
    /// Centre x of each vertex, top y of each box.
    x: Vec<f64>,
    y: Vec<f64>,
    row_top: Vec<f64>,
    row_h: Vec<f64>,
    width: f64,
    height: f64,
}

impl Layout {
    fn new(problem: &str, nodes: &[Node], dag: &[(usize, usize)]) -> Layout {
        let edges = vertex_edges(nodes.len(), dag);
        let layer = longest_path(nodes.len() + 1, &edges);
        let mut l = Layout {
            layer,
            layers: Vec::new(),
            preds: vec![Vec::new(); nodes.len() + 1],
            succs: vec![Vec::new(); nodes.len() + 1],
            routes: Vec::new(),
            lines: Vec::new(),
            w: Vec::new(),
            h: Vec::new(),
            x: Vec::new(),
            y: Vec::new(),
            row_top: Vec::new(),
            row_h: Vec::new(),
            width: 0.0,
            height: 0.0,
        };
        for &(a, b) in &edges {
            l.add_route(a, b);
        }
        l.size_boxes(problem, nodes);
        l.initial_order();
        l.reduce_crossings();
        l.assign_x();
        l.assign_y();
        l
    }

    /// Adds the route `a -> b`, with a dummy vertex in every layer it crosses.
    fn add_route(&mut self, a: usize, b: usize) {
        let mut via = Vec::new();
        let mut prev = a;
        for layer in self.layer[a] + 1..self.layer[b] {
            let d = self.layer.len();
            self.layer.push(layer);
            self.preds.push(Vec::new());
            self.succs.push(Vec::new());
            self.link(prev, d);
            via.push(d);
            prev = d;
        }
        self.link(prev, b);
        self.routes.push(Route {
            from: a,
            to: b,
            via,
        });
    }

    fn link(&mut self, a: usize, b: usize) {
        self.succs[a].push(b);
        self.preds[b].push(a);
    }

    fn size_boxes(&mut self, problem: &str, nodes: &[Node]) {
        let (lines, _) = wrap(problem, PROBLEM_CHARS, MAX_LINES);
        self.push_box(lines, PROBLEM_CHAR_W);
        for node in nodes {
            self.push_box(node_lines(node), CHAR_W);
        }
        for _ in nodes.len() + 1..self.layer.len() {
            self.lines.push(Vec::new());
            self.w.push(DUMMY_W);
            self.h.push(0.0);
        }
    }

    fn push_box(&mut self, lines: Vec<String>, char_w: f64) {
        let longest = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
        self.w
            .push((longest as f64 * char_w + 2.0 * PAD_X).max(MIN_BOX_W));
        self.h
            .push(lines.len().max(1) as f64 * LINE_H + 2.0 * PAD_Y);
        self.lines.push(lines);
    }

    /// Layers in breadth-first order from the problem, which keeps related vertices together.
    fn initial_order(&mut self) {
        let nv = self.layer.len();
        let mut seen = vec![false; nv];
        let mut queue = VecDeque::from([0]);
        seen[0] = true;
        let depth = self.layer.iter().max().map_or(1, |m| m + 1);
        self.layers = vec![Vec::new(); depth];
        while let Some(v) = queue.pop_front() {
            self.layers[self.layer[v]].push(v);
            for &w in &self.succs[v] {
                if !seen[w] {
                    seen[w] = true;
                    queue.push_back(w);
                }
            }
        }
    }

    /// Barycenter sweeps, down then up, keeping the order with the fewest crossings.
    fn reduce_crossings(&mut self) {
        let mut pos = positions(&self.layers, self.layer.len());
        let mut best = (
            crossings(&self.layers, &self.succs, &pos),
            self.layers.clone(),
        );
        for sweep in 0..SWEEPS {
            let n = self.layers.len();
            if sweep.is_multiple_of(2) {
                for l in 1..n {
                    barycenter(&mut self.layers[l], &self.preds, &mut pos);
                }
            } else {
                for l in (0..n.saturating_sub(1)).rev() {
                    barycenter(&mut self.layers[l], &self.succs, &mut pos);
                }
            }
            let c = crossings(&self.layers, &self.succs, &pos);
            if c < best.0 {
                best = (c, self.layers.clone());
            }
        }
        self.layers = best.1;
    }

    /// Centre x of every vertex: layers packed and centred, then pulled towards the mean of
    /// their neighbours above, below and above again, keeping order and gaps.
    fn assign_x(&mut self) {
        let span = |layer: &[usize]| -> f64 {
            let boxes: f64 = layer.iter().map(|&v| self.w[v]).sum();
            boxes + H_GAP * layer.len().saturating_sub(1) as f64
        };
        let inner = self.layers.iter().map(|l| span(l)).fold(0.0, f64::max);
        self.width = (inner + 2.0 * MARGIN).max(MIN_WIDTH);
        let lo = (self.width - inner) / 2.0;
        self.x = vec![0.0; self.layer.len()];
        for layer in &self.layers {
            let mut left = lo + (inner - span(layer)) / 2.0;
            for &v in layer {
                self.x[v] = left + self.w[v] / 2.0;
                left += self.w[v] + H_GAP;
            }
        }
        let n = self.layers.len();
        for l in 1..n {
            self.pull(l, true, (lo, lo + inner));
        }
        for l in (0..n.saturating_sub(1)).rev() {
            self.pull(l, false, (lo, lo + inner));
        }
        for l in 1..n {
            self.pull(l, true, (lo, lo + inner));
        }
    }

    /// Moves layer `l` towards the mean x of its neighbours above (`down`) or below.
    fn pull(&mut self, l: usize, down: bool, bounds: (f64, f64)) {
        let nbrs = if down { &self.preds } else { &self.succs };
        let layer = &self.layers[l];
        let desired: Vec<f64> = layer
            .iter()
            .map(|&v| mean(nbrs[v].iter().map(|&u| self.x[u])).unwrap_or(self.x[v]))
            .collect();
        let half: Vec<f64> = layer.iter().map(|&v| self.w[v] / 2.0).collect();
        let placed = place(&desired, &half, bounds);
        for (&v, x) in layer.iter().zip(placed) {
            self.x[v] = x;
        }
    }

    fn assign_y(&mut self) {
        let mut top = MARGIN;
        for layer in &self.layers {
            let row = layer.iter().map(|&v| self.h[v]).fold(0.0, f64::max);
            self.row_top.push(top);
            self.row_h.push(row);
            top += row + LAYER_GAP;
        }
        self.y = (0..self.layer.len())
            .map(|v| self.row_top[self.layer[v]] + (self.row_h[self.layer[v]] - self.h[v]) / 2.0)
            .collect();
        self.height = top - LAYER_GAP + MARGIN + LEGEND_H;
    }

    /// Where the edge from `v` to its neighbour `to` leaves `v`'s bottom (`out`) or enters its
    /// top: spread over the box in the order of the neighbours' x.
    fn port(&self, v: usize, to: usize, out: bool) -> (f64, f64) {
        let nbrs = if out { &self.succs[v] } else { &self.preds[v] };
        let rank = nbrs
            .iter()
            .filter(|&&u| (self.x[u], u) < (self.x[to], to))
            .count();
        let k = nbrs.len();
        let x = if k <= 1 {
            self.x[v]
        } else {
            self.x[v] + self.w[v] * 0.6 * ((rank as f64 + 1.0) / (k as f64 + 1.0) - 0.5)
        };
        let y = if out {
            self.y[v] + self.h[v]
        } else {
            self.y[v]
        };
        (x, y)
    }
}

fn node_lines(node: &Node) -> Vec<String> {
    let mut lines = wrap(&node.label, NODE_CHARS, MAX_LINES).0;
    if lines.is_empty() {
        lines.push(String::new());
    }
    if node.root {
        lines[0].insert_str(0, ROOT_MARK);
    }
    lines
}

fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / n as f64)
}

/// Each vertex's index within its layer.
fn positions(layers: &[Vec<usize>], nv: usize) -> Vec<usize> {
    let mut pos = vec![0; nv];
    for layer in layers {
        for (i, &v) in layer.iter().enumerate() {
            pos[v] = i;
        }
    }
    pos
}

/// Sorts `layer` by the mean position of each vertex's neighbours (`nbrs`) in the adjacent
/// layer; a vertex without any keeps its own position; ties keep the current order.
fn barycenter(layer: &mut [usize], nbrs: &[Vec<usize>], pos: &mut [usize]) {
    let mut keyed: Vec<(f64, usize)> = layer
        .iter()
        .map(|&v| {
            let key = mean(nbrs[v].iter().map(|&u| pos[u] as f64));
            (key.unwrap_or(pos[v] as f64), v)
        })
        .collect();
    keyed.sort_by(|a, b| a.0.total_cmp(&b.0));
    for (i, (slot, (_, v))) in layer.iter_mut().zip(keyed).enumerate() {
        *slot = v;
        pos[v] = i;
    }
}

/// Edge crossings between each pair of adjacent layers.
fn crossings(layers: &[Vec<usize>], succs: &[Vec<usize>], pos: &[usize]) -> usize {
    let mut total = 0;
    for layer in layers {
        let segs: Vec<(usize, usize)> = layer
            .iter()
            .flat_map(|&u| succs[u].iter().map(move |&v| (pos[u], pos[v])))
            .collect();
        for (i, a) in segs.iter().enumerate() {
            total += segs[i + 1..]
                .iter()
                .filter(|b| (a.0 < b.0 && a.1 > b.1) || (a.0 > b.0 && a.1 < b.1))
                .count();
        }
    }
    total
}

/// Centres as close to `desired` as the order, the gaps and `bounds` allow: the mean of pushing
/// right then left and pushing left then right (both keep every constraint, so their mean does).
fn place(desired: &[f64], half: &[f64], bounds: (f64, f64)) -> Vec<f64> {
    let mut a = desired.to_vec();
    push_right(&mut a, half, bounds.0);
    push_left(&mut a, half, bounds.1);
    let mut b = desired.to_vec();
    push_left(&mut b, half, bounds.1);
    push_right(&mut b, half, bounds.0);
    a.iter().zip(&b).map(|(p, q)| (p + q) / 2.0).collect()
}

fn push_right(x: &mut [f64], half: &[f64], lo: f64) {
    let mut min = lo;
    for (xi, h) in x.iter_mut().zip(half) {
        *xi = xi.max(min + h);
        min = *xi + h + H_GAP;
    }
}

fn push_left(x: &mut [f64], half: &[f64], hi: f64) {
    let mut max = hi;
    for (xi, h) in x.iter_mut().zip(half).rev() {
        *xi = xi.min(max - h);
        max = *xi - h - H_GAP;
    }
}

// ── Drawing ──────────────────────────────────────────────────────────────────────────────────

fn write_defs(out: &mut String, id: &str) {
    let _ = write!(
        out,
        r#"<defs><marker id="{id}-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" markerUnits="userSpaceOnUse" orient="auto"><path class="wb-arrowhead" d="M0 0L10 5L0 10z"/></marker></defs>"#
    );
}

/// An edge: gentle cubic curves between layers, straight down through its dummies' rows.
fn draw_route(out: &mut String, l: &Layout, r: &Route, id: &str) {
    let first = r.via.first().copied().unwrap_or(r.to);
    let last = r.via.last().copied().unwrap_or(r.from);
    let (sx, sy) = l.port(r.from, first, true);
    let (ex, ey) = l.port(r.to, last, false);
    let mut d = format!("M{} {}", num(sx), num(sy));
    let mut prev = (sx, sy);
    for &v in &r.via {
        let top = l.row_top[l.layer[v]];
        curve(&mut d, prev, (l.x[v], top));
        let bottom = top + l.row_h[l.layer[v]];
        let _ = write!(d, "L{} {}", num(l.x[v]), num(bottom));
        prev = (l.x[v], bottom);
    }
    curve(&mut d, prev, (ex, ey - 1.0));
    let class = if r.from == 0 {
        "wb-edge wb-edge-problem"
    } else {
        "wb-edge"
    };
    let _ = write!(
        out,
        r#"<path class="{class}" d="{d}" marker-end="url(#{id}-arrow)"/>"#
    );
}

/// A vertical-tangent cubic from `a` to `b`.
fn curve(d: &mut String, a: (f64, f64), b: (f64, f64)) {
    let mid = (a.1 + b.1) / 2.0;
    let _ = write!(
        d,
        "C{} {} {} {} {} {}",
        num(a.0),
        num(mid),
        num(b.0),
        num(mid),
        num(b.0),
        num(b.1)
    );
}

fn draw_problem(out: &mut String, l: &Layout, problem: &str) {
    out.push_str(r#"<g class="wb-problem">"#);
    if wrap(problem, PROBLEM_CHARS, MAX_LINES).1 {
        let _ = write!(out, "<title>{}</title>", esc(problem));
    }
    draw_box(out, l, 0, "wb-problem-text");
    out.push_str("</g>");
}

fn draw_node(out: &mut String, l: &Layout, v: usize, node: &Node) {
    let class = if node.root { "wb-node root" } else { "wb-node" };
    open_link(out, &node.url, class);
    if node.root {
        let label = super::fishbone::sentence_body(&node.label);
        let _ = write!(out, "<title>{} (root cause)</title>", esc(label));
    } else {
        let _ = write!(out, "<title>{}</title>", esc(&node.label));
    }
    draw_box(out, l, v, "wb-label");
    close_link(out, &node.url);
}

/// The rectangle and centred label lines of vertex `v`.
fn draw_box(out: &mut String, l: &Layout, v: usize, text_class: &str) {
    let _ = write!(
        out,
        r#"<rect x="{}" y="{}" width="{}" height="{}" rx="6"/>"#,
        num(l.x[v] - l.w[v] / 2.0),
        num(l.y[v]),
        num(l.w[v]),
        num(l.h[v])
    );
    let lines = &l.lines[v];
    let first_y = l.y[v] + l.h[v] / 2.0 - (lines.len() as f64 - 1.0) * LINE_H / 2.0 + 4.0;
    text_block(
        out,
        &format!(r#"class="{text_class}" text-anchor="middle""#),
        (l.x[v], first_y),
        LINE_H,
        lines,
        "",
    );
}

fn draw_legend(out: &mut String, l: &Layout, roots: bool) {
    let mut text = "Arrows point from an effect to its cause (“because of”).".to_string();
    if roots {
        text.push_str(" ★ marks a root cause.");
    }
    let _ = write!(
        out,
        r#"<text class="wb-legend" x="{}" y="{}">{}</text>"#,
        num(MARGIN),
        num(l.height - MARGIN),
        esc(&text)
    );
}

/// The graph in words, for `<desc>`: what each effect happened because of, and the root causes.
fn describe(problem: &str, nodes: &[Node], dag: &[(usize, usize)]) -> String {
    let label = |i: usize| format!("“{}”", super::fishbone::sentence_body(&nodes[i].label));
    let causes_of = |effect: usize| -> Vec<String> {
        dag.iter()
            .filter(|e| e.0 == effect)
            .map(|e| label(e.1))
            .collect()
    };
    let caused: BTreeSet<usize> = dag.iter().map(|e| e.1).collect();
    let tops: Vec<String> = (0..nodes.len())
        .filter(|i| !caused.contains(i))
        .map(label)
        .collect();
    let mut d = format!(
        "Why-because graph of {}. “{problem}” happened because of {}.",
        plural(nodes.len(), "cause", "causes"),
        tops.join(", ")
    );
    for i in 0..nodes.len() {
        let causes = causes_of(i);
        if !causes.is_empty() {
            let _ = write!(d, " {} because of {}.", label(i), causes.join(", "));
        }
    }
    let roots: Vec<String> = (0..nodes.len())
        .filter(|&i| nodes[i].root)
        .map(label)
        .collect();
    if !roots.is_empty() {
        let _ = write!(d, " Root causes: {}.", roots.join(", "));
    }
    d
}

#[cfg(test)]
mod tests {
    fn check_xml(s: &str) -> Result<(), String> {
        roxmltree::Document::parse(s)
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
    use super::*;

    fn node(id: &str, label: &str, root: bool) -> Node {
        Node {
            id: id.into(),
            label: label.into(),
            url: format!("/causes/{id}/"),
            root,
        }
    }

    fn abc() -> Vec<Node> {
        vec![
            node("a", "Contact form timed out", false),
            node("b", "Typo in CRM URL setting", true),
            node("c", "Settings file only used at peak", false),
        ]
    }

    /// The top y of the box of the node linking to `url`.
    fn box_y(svg: &str, url: &str) -> f64 {
        let at = svg.find(&format!(r#"<a href="{url}""#)).unwrap();
        let rest = &svg[at..];
        let y = rest.split(r#"<rect x=""#).nth(1).unwrap();
        let y = y.split(r#"y=""#).nth(1).unwrap();
        y[..y.find('"').unwrap()].parse().unwrap()
    }

    #[test]
    fn layers_follow_longest_paths() {
        // problem -> a; a -> b, a -> c, c -> b: b is below c.
        let edges = [(0, 1), (0, 2), (2, 1)];
        let dag = acyclic(3, &edges);
        let layer = longest_path(4, &vertex_edges(3, &dag));
        assert_eq!(layer, vec![0, 1, 3, 2]);
        let svg = why_because("wb", "Outage", &abc(), &edges);
        check_xml(&svg).unwrap();
        let (a, b, c) = (
            box_y(&svg, "/causes/a/"),
            box_y(&svg, "/causes/b/"),
            box_y(&svg, "/causes/c/"),
        );
        assert!(a < c && c < b, "{a} {c} {b}");
    }

    #[test]
    fn graph_shape_labels_links_and_roots() {
        let svg = why_because("wb", "Outage", &abc(), &[(0, 1), (0, 2), (2, 1)]);
        assert!(svg.starts_with(r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 "#));
        assert!(svg.contains(
            r#"class="diagram diagram-graph" role="group" aria-labelledby="wb-title" aria-describedby="wb-desc""#
        ));
        let open = &svg[..svg.find('>').unwrap()];
        let vb = open.split("viewBox=\"0 0 ").nth(1).unwrap();
        let (w, h) = vb[..vb.find('"').unwrap()].split_once(' ').unwrap();
        assert!(
            open.contains(&format!(r#" width="{w}" height="{h}""#)),
            "{open}"
        );
        assert!(!svg.contains("style=") && !svg.contains("fill=") && !svg.contains("stroke="));
        for n in abc() {
            assert!(svg.contains(&format!(r#"<a href="{}" class="wb-node"#, n.url)));
            assert!(svg.contains(&format!("<title>{}", n.label)));
        }
        assert!(svg.contains(r#"<a href="/causes/b/" class="wb-node root">"#));
        assert!(svg.contains("★ Typo in CRM URL setting</tspan>"));
        assert!(svg.contains("<title>Typo in CRM URL setting (root cause)</title>"));
        assert_eq!(svg.matches("★").count(), 2); // The node and the legend.
        assert!(svg.contains(r#"<g class="wb-problem">"#) && svg.contains(">Outage</tspan>"));
        // Four edges: problem -> a, a -> b (through a dummy), a -> c, c -> b.
        assert_eq!(svg.matches(r#"class="wb-edge"#).count(), 4);
        assert_eq!(svg.matches("wb-edge-problem").count(), 1);
        assert_eq!(svg.matches(r##"marker-end="url(#wb-arrow)""##).count(), 4);
        assert!(svg.contains(r#"<marker id="wb-arrow""#));
    }

    #[test]
    fn desc_lists_content_in_words() {
        let svg = why_because("wb", "Outage", &abc(), &[(0, 1), (0, 2), (2, 1)]);
        assert!(svg.contains(
            "Why-because graph of 3 causes. “Outage” happened because of “Contact form timed \
             out”. “Contact form timed out” because of “Typo in CRM URL setting”, “Settings \
             file only used at peak”. “Settings file only used at peak” because of “Typo in CRM \
             URL setting”. Root causes: “Typo in CRM URL setting”."
        ));
    }

    #[test]
    fn cycles_are_broken() {
        let edges = [(0, 1), (1, 2), (2, 0), (2, 2), (0, 9), (1, 0)];
        let dag = acyclic(3, &edges);
        assert_eq!(dag, vec![(0, 1), (1, 2)]);
        let svg = why_because("wb", "p", &abc(), &edges);
        check_xml(&svg).unwrap();
        // A cycle with nothing outside it still hangs under the problem.
        let dag = acyclic(2, &[(0, 1), (1, 0)]);
        assert_eq!(dag, vec![(0, 1)]);
        let svg = why_because("wb", "p", &abc()[..2], &[(1, 0), (0, 1)]);
        check_xml(&svg).unwrap();
        assert!(svg.contains("wb-edge-problem"));
    }

    #[test]
    fn big_cycle_and_deep_chain_terminate() {
        let nodes: Vec<Node> = (0..300).map(|i| node(&i.to_string(), "n", false)).collect();
        let mut edges: Vec<(usize, usize)> = (0..300).map(|i| (i, (i + 1) % 300)).collect();
        edges.extend((0..300).map(|i| (i, (i * 7 + 3) % 300)));
        let svg = why_because("wb", "p", &nodes, &edges);
        check_xml(&svg).unwrap();
        let dag = acyclic(300, &edges);
        let layer = longest_path(301, &vertex_edges(300, &dag));
        for &(a, b) in &dag {
            assert!(layer[a + 1] < layer[b + 1]);
        }
    }

    #[test]
    fn barycenter_removes_a_crossing() {
        // 0 -> 3 and 1 -> 2 cross while layer 1 is [2, 3].
        let mut layers = vec![vec![0, 1], vec![2, 3]];
        let succs = vec![vec![3], vec![2], vec![], vec![]];
        let preds = vec![vec![], vec![], vec![1], vec![0]];
        let mut pos = positions(&layers, 4);
        assert_eq!(crossings(&layers, &succs, &pos), 1);
        barycenter(&mut layers[1], &preds, &mut pos);
        assert_eq!(layers[1], vec![3, 2]);
        assert_eq!(crossings(&layers, &succs, &pos), 0);
    }

    #[test]
    fn causes_sit_under_their_effects() {
        // Problem -> x, y; y -> p, x -> q, with p listed before q.
        let nodes = vec![
            node("x", "x", false),
            node("y", "y", false),
            node("p", "p", false),
            node("q", "q", false),
        ];
        let layout = Layout::new("p", &nodes, &acyclic(4, &[(1, 2), (0, 3)]));
        let pos = positions(&layout.layers, layout.layer.len());
        assert_eq!(crossings(&layout.layers, &layout.succs, &pos), 0);
        assert!(layout.x[1] < layout.x[2] && layout.x[4] < layout.x[3]);
        assert!((layout.x[1] - layout.x[4]).abs() < 1.0 && (layout.x[2] - layout.x[3]).abs() < 1.0);
    }

    #[test]
    fn boxes_in_a_layer_never_overlap() {
        let nodes: Vec<Node> = (0..6)
            .map(|i| {
                node(
                    &i.to_string(),
                    &format!("cause {i} with a long-ish label"),
                    false,
                )
            })
            .collect();
        let edges = [(0, 5), (1, 5), (2, 5), (3, 4)];
        let layout = Layout::new("p", &nodes, &acyclic(6, &edges));
        for layer in &layout.layers {
            for w in layer.windows(2) {
                let (a, b) = (w[0], w[1]);
                let gap = (layout.x[b] - layout.w[b] / 2.0) - (layout.x[a] + layout.w[a] / 2.0);
                assert!(gap >= H_GAP - 0.01, "{gap}");
            }
        }
        assert!(layout.x.iter().all(|&x| x > 0.0 && x < layout.width));
    }

    #[test]
    fn long_labels_are_wrapped_and_cut() {
        let long = "because the settings file was only used in production ".repeat(8);
        let nodes = vec![node("a", &long, false)];
        let svg = why_because("wb", &long, &nodes, &[]);
        check_xml(&svg).unwrap();
        let label = svg.split(r#"class="wb-label""#).nth(1).unwrap();
        let label = &label[..label.find("</text>").unwrap()];
        assert_eq!(label.matches("<tspan").count(), MAX_LINES);
        assert!(label.contains("…</tspan>"));
        for line in label.split("\">").skip(1) {
            let text = &line[..line.find('<').unwrap()];
            assert!(text.chars().count() <= NODE_CHARS, "{text}");
        }
        assert!(svg.contains(&format!("<title>{long}</title>")));
    }

    #[test]
    fn escapes_text_and_urls() {
        let nodes = vec![Node {
            id: "a".into(),
            label: "x < y && z > \"w\"".into(),
            url: "/c/?a=1&b=<2>".into(),
            root: true,
        }];
        let svg = why_because("w<b>", "<script>alert(1)</script>", &nodes, &[]);
        check_xml(&svg).unwrap();
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("x &lt; y &amp;&amp; z &gt; &quot;w&quot;"));
        assert!(svg.contains(r#"href="/c/?a=1&amp;b=&lt;2&gt;""#));
        assert!(svg.contains(r#"id="w-b--title""#));
    }

    #[test]
    fn nothing_to_draw_when_empty() {
        let svg = why_because("wb", "p", &[], &[(0, 1)]);
        check_xml(&svg).unwrap();
        assert!(svg.contains("No causes to draw."));
        assert!(svg.contains("diagram diagram-graph"));
    }
}
