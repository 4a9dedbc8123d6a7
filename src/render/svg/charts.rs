//! Build-time charts as inline SVG: stacked bars, lines with gaps, and a weekly heat strip.
//!
//! Takes plain data (a [`Chart`] of labelled [`Series`], or `(week, count)` pairs) and gives one
//! `<svg>` string to inline into a page. What holds for every output:
//! - well-formed XML with all text escaped; `<title>` and `<desc>` come first and are named by
//!   `aria-labelledby`, so assistive technology reads the chart as one image with a summary;
//! - no scripts, no external references, no colours: looks come from classes (`chart-*`,
//!   `series-0`..`series-7`, `heat-0`..`heat-4`) styled by `theme/static/assets/charts.css`;
//! - deterministic: the same input gives the same bytes; coordinates have at most one decimal;
//! - never panics: non-finite values are gaps, negatives count as 0, huge values are capped;
//!   input with nothing to draw gives a small "No data yet" SVG.

use super::{esc, num};
use crate::format::human_minutes;
use jiff::civil::Date;
use std::fmt::Write;

/// `write!` into a `String`, which cannot fail.
macro_rules! put {
    ($out:expr, $($arg:tt)*) => {{
        let _ = write!($out, $($arg)*);
    }};
}

/// Width of a chart's viewBox; the CSS scales it to the column.
pub const WIDE: f64 = 640.0;
/// Width of the narrow variant drawn for phones, where the wide one would shrink its 11 px
/// text below legibility: at 390 px its frame is about 340 px, so its 11 px text stays 11 px.
pub const NARROW: f64 = 320.0;
/// Height of a bar or line chart with up to four legend rows; more rows make it taller.
const H: f64 = 260.0;
/// Height of the heat strip.
const HEAT_H: f64 = 80.0;
/// Estimated average glyph width of the 11px label font, for layout only.
const CHAR_W: f64 = 6.6;
/// X labels and legend entries longer than this are cut with an ellipsis (full text in tooltips).
const AXIS_CHARS: usize = 16;
const LEGEND_CHARS: usize = 28;
/// Values are capped here so labels stay short and arithmetic stays finite.
const MAX_VALUE: f64 = 1e12;
/// Number of `series-N` classes; further series reuse them in turn.
const SERIES_CLASSES: usize = 8;
/// Tick steps for durations, in minutes; beyond a day, steps are 1-2-5 days.
const MINUTE_STEPS: [f64; 12] = [
    1.0, 2.0, 5.0, 10.0, 15.0, 30.0, 60.0, 120.0, 180.0, 360.0, 720.0, 1440.0,
];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// One named series of values, one per x label; None = no data (a gap).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Series {
    pub label: String,
    pub values: Vec<Option<f64>>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Chart {
    /// Unique in the page; used to build element ids (`{id}-title`, `{id}-desc`).
    pub id: String,
    pub title: String,
    /// One sentence summarising what the chart shows, for screen readers (<desc>).
    pub description: String,
    pub x_labels: Vec<String>,
    pub series: Vec<Series>,
    /// Unit shown on the y axis and in tooltips, e.g. "incidents" or "minutes".
    pub unit: String,
}

/// Vertical bars; several series are stacked (e.g. incidents per month stacked by severity).
/// Drawn `w` wide: [`WIDE`], or [`NARROW`] for phones.
pub fn bar_chart(c: &Chart, w: f64) -> String {
    let vals = grid(c);
    if !has_data(&vals) {
        return empty_svg("chart-bar", &c.id, &c.title, &c.description, w);
    }
    let max = (0..c.x_labels.len())
        .map(|i| vals.iter().filter_map(|s| at(s, i)).sum::<f64>())
        .fold(0.0, f64::max);
    draw(c, &vals, "chart-bar", max, w, bars)
}

/// Lines with a dot per value; a None breaks the line (e.g. MTTD and MTTR per quarter).
/// Drawn `w` wide: [`WIDE`], or [`NARROW`] for phones.
pub fn line_chart(c: &Chart, w: f64) -> String {
    let vals = grid(c);
    if !has_data(&vals) {
        return empty_svg("chart-line", &c.id, &c.title, &c.description, w);
    }
    let max = vals.iter().flatten().flatten().copied().fold(0.0, f64::max);
    draw(c, &vals, "chart-line", max, w, lines)
}

/// A calendar heat strip: one cell per week, shaded by count, with month ticks. `weeks` are
/// (Monday of the week, count), consecutive, oldest first. Counts are incidents: tooltips read
/// `Week of 2024-03-04: 3 incidents`. Levels `heat-0` (none) to `heat-4` are quarters of the
/// busiest week.
/// Drawn `w` wide: [`WIDE`], or [`NARROW`] for phones.
pub fn heat_strip(
    id: &str,
    title: &str,
    description: &str,
    weeks: &[(Date, u32)],
    w: f64,
) -> String {
    if weeks.is_empty() {
        return empty_svg("chart-heat", id, title, description, w);
    }
    let cell = ((w - 16.0) / weeks.len() as f64).min(24.0);
    let max = weeks.iter().map(|w| w.1).max().unwrap_or(0);
    let mut out = open_chart("chart-heat", id, title, description, (w, HEAT_H));
    heat_cells(&mut out, weeks, cell, max);
    month_ticks(&mut out, weeks, cell, w);
    heat_legend(&mut out, w);
    out.push_str("</svg>\n");
    out
}

/// A formatter used for axis labels and tooltips: 1234.0 -> "1,234", 12.5 -> "12.5" (one
/// decimal at most), durations in minutes (unit "minutes", "min", ...) -> see `human_minutes`
/// ("1 h 12 min"). Non-finite values give "–".
pub fn format_value(v: f64, unit: &str) -> String {
    if !v.is_finite() {
        return "–".to_string();
    }
    if is_minutes(unit) {
        return human_minutes(v);
    }
    let tenths = (v.abs() * 10.0).round() as u64;
    let sign = if v < 0.0 && tenths > 0 { "-" } else { "" };
    let int = group_thousands(tenths / 10);
    match tenths % 10 {
        0 => format!("{sign}{int}"),
        d => format!("{sign}{int}.{d}"),
    }
}

// ── Data ──────────────────────────────────────────────────────────────────

/// Each series cleaned and padded or cut to one value per x label.
fn grid(c: &Chart) -> Vec<Vec<Option<f64>>> {
    let n = c.x_labels.len();
    let row = |s: &Series| {
        (0..n)
            .map(|i| clean(s.values.get(i).copied().flatten()))
            .collect()
    };
    c.series.iter().map(row).collect()
}

/// Non-finite values become gaps; the rest are clamped to `0..=MAX_VALUE`.
fn clean(v: Option<f64>) -> Option<f64> {
    v.filter(|x| x.is_finite()).map(|x| x.clamp(0.0, MAX_VALUE))
}

fn at(series: &[Option<f64>], i: usize) -> Option<f64> {
    series.get(i).copied().flatten()
}

fn has_data(vals: &[Vec<Option<f64>>]) -> bool {
    vals.iter().flatten().any(Option::is_some)
}

/// Whole numbers only (counts): the y axis then never gets fractional ticks.
fn is_integer(vals: &[Vec<Option<f64>>]) -> bool {
    vals.iter().flatten().flatten().all(|v| v.fract() == 0.0)
}

fn is_minutes(unit: &str) -> bool {
    let u = unit.trim().to_ascii_lowercase();
    matches!(u.as_str(), "minutes" | "minute" | "mins" | "min")
}

// ── Text ──────────────────────────────────────────────────────────────────

fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() * 4 / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// `4 incidents`, `1 incident`, `1 h 12 min`.
fn with_unit(v: f64, unit: &str) -> String {
    let value = format_value(v, unit);
    let unit = unit.trim();
    if unit.is_empty() || is_minutes(unit) {
        return value;
    }
    let unit = match unit.strip_suffix('s') {
        Some(one) if value == "1" && one.len() > 2 && !one.ends_with('s') => one,
        _ => unit,
    };
    format!("{value} {unit}")
}

/// Tooltip text, escaped: `2024-03 · SEV2: 4 incidents`.
fn tip(x: &str, series: &str, v: f64, unit: &str) -> String {
    let value = with_unit(v, unit);
    match series.trim() {
        // No series name, or one that only repeats the x label (bars coloured per category).
        s if s.is_empty() || s == x => esc(&format!("{x}: {value}")),
        s => esc(&format!("{x} · {s}: {value}")),
    }
}

/// Cuts `s` to `max` characters, the last one an ellipsis.
fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

fn text_w(s: &str) -> f64 {
    s.chars().count() as f64 * CHAR_W
}

// ── Frame ─────────────────────────────────────────────────────────────────

/// Opens a chart's `<svg>`, of class `chart {kind}`, `h` high.
fn open_chart(kind: &str, id: &str, title: &str, desc: &str, (w, h): (f64, f64)) -> String {
    let mut out = String::new();
    super::open_svg(
        &mut out,
        &super::ident(id),
        &format!("chart {kind}"),
        (w, h),
        (title, desc),
        false,
    );
    out.push('\n');
    out
}

fn empty_svg(kind: &str, id: &str, title: &str, desc: &str, w: f64) -> String {
    let mut out = open_chart(&format!("{kind} chart-empty"), id, title, desc, (w, 80.0));
    let _ = write!(
        out,
        "<text class=\"chart-label\" x=\"{}\" y=\"44\" text-anchor=\"middle\">",
        num(w / 2.0)
    );
    out.push_str("No data yet</text>\n</svg>\n");
    out
}

/// The plot area, in viewBox units, and the y ticks (first 0, last the top of the axis).
struct Frame {
    x0: f64,
    x1: f64,
    y0: f64,
    y1: f64,
    height: f64,
    ticks: Vec<f64>,
    n: usize,
}

impl Frame {
    fn band(&self) -> f64 {
        (self.x1 - self.x0) / self.n.max(1) as f64
    }

    fn cx(&self, i: usize) -> f64 {
        self.x0 + self.band() * (i as f64 + 0.5)
    }

    fn y(&self, v: f64) -> f64 {
        let top = self.ticks.last().copied().unwrap_or(1.0);
        let top = if top > 0.0 { top } else { 1.0 };
        self.y1 - v / top * (self.y1 - self.y0)
    }
}

/// Margins leave room for the y tick labels, the unit and half the widest x label.
fn layout(c: &Chart, max: f64, integer: bool, legend_h: f64, w: f64) -> Frame {
    let ticks = nice_ticks(max, integer, is_minutes(&c.unit));
    let tick_w = ticks.iter().map(|t| text_w(&format_value(*t, &c.unit)));
    let unit_w = if show_unit(&c.unit) { 16.0 } else { 0.0 };
    let y_need = tick_w.fold(0.0, f64::max) + 10.0 + unit_w;
    let widest = c.x_labels.iter().map(|l| text_w(&clip(l, AXIS_CHARS)));
    let half = widest.fold(0.0, f64::max) / 2.0 + 2.0;
    let y0 = 12.0 + legend_h;
    let y1 = (H - 26.0).max(y0 + 150.0);
    Frame {
        x0: y_need.max(half).max(28.0),
        x1: w - half.max(12.0),
        y0,
        y1,
        height: y1 + 26.0,
        ticks,
        n: c.x_labels.len(),
    }
}

/// Ticks from 0 in "nice" steps (1-2-5, or clock steps for minutes), about five intervals.
fn nice_ticks(max: f64, integer: bool, minutes: bool) -> Vec<f64> {
    let max = if max.is_finite() { max.max(0.0) } else { 0.0 };
    let raw = max / 5.0;
    let step = if minutes {
        minute_step(raw)
    } else {
        step_125(raw)
    };
    let step = step.max(if integer || minutes { 1.0 } else { 0.1 });
    let count = (max / step - 1e-9).ceil().max(1.0) as usize;
    (0..=count).map(|i| i as f64 * step).collect()
}

/// The smallest of 1, 2, 5 times a power of ten that is at least `raw` (0 for `raw <= 0`).
fn step_125(raw: f64) -> f64 {
    if raw <= 0.0 || !raw.is_finite() {
        return 0.0;
    }
    let mag = 10f64.powf(raw.log10().floor());
    let steps = [1.0, 2.0, 5.0, 10.0].map(|m| m * mag);
    steps
        .into_iter()
        .find(|s| *s >= raw * (1.0 - 1e-9))
        .unwrap_or(10.0 * mag)
}

fn minute_step(raw: f64) -> f64 {
    let fit = MINUTE_STEPS.into_iter().find(|s| *s >= raw);
    fit.unwrap_or_else(|| 1440.0 * step_125(raw / 1440.0))
}

/// Durations carry their unit in every tick label, so only other units get an axis title.
fn show_unit(unit: &str) -> bool {
    !unit.trim().is_empty() && !is_minutes(unit)
}

// ── Bar and line charts ───────────────────────────────────────────────────

type Marks = fn(&mut String, &Frame, &Chart, &[Vec<Option<f64>>]);

fn draw(
    c: &Chart,
    vals: &[Vec<Option<f64>>],
    kind: &str,
    max: f64,
    w: f64,
    marks: Marks,
) -> String {
    let labels: Vec<&str> = c.series.iter().map(|s| s.label.as_str()).collect();
    let mut legend_svg = String::new();
    let lines = kind == "chart-line";
    let pid = pattern_prefix(&c.id);
    let legend_h = legend(&mut legend_svg, &labels, w, (lines, &pid));
    let f = layout(c, max, is_integer(vals), legend_h, w);
    let mut out = open_chart(kind, &c.id, &c.title, &c.description, (w, f.height));
    if !lines && vals.len() > 1 {
        patterns(&mut out, &pid);
    }
    out.push_str(&legend_svg);
    y_axis(&mut out, &f, &c.unit);
    x_axis(&mut out, &f, &c.x_labels);
    marks(&mut out, &f, c, vals);
    out.push_str("</svg>\n");
    out
}

/// A legend across the top when there are two or more series; returns the height it takes.
/// Each entry shows what tells its series apart without colour: for lines, a stretch of the
/// line's dash pattern with its marker shape; for bars, a swatch with the series' hatching.
fn legend(out: &mut String, labels: &[&str], w: f64, (lines, pid): (bool, &str)) -> f64 {
    if labels.len() < 2 {
        return 0.0;
    }
    let sample = if lines { 24.0 } else { 10.0 };
    let (mut x, mut y) = (8.0, 12.0);
    out.push_str("<g class=\"chart-legend\">\n");
    for (i, label) in labels.iter().enumerate() {
        let text = clip(label, LEGEND_CHARS);
        let need = sample + 18.0 + text_w(&text);
        if x > 8.0 && x + need > w - 8.0 {
            (x, y) = (8.0, y + 16.0);
        }
        let class = i % SERIES_CLASSES;
        if lines {
            put!(
                out,
                "<g class=\"chart-series series-{class}\"><path class=\"chart-path\" d=\"M{} {} H{}\"/>",
                num(x),
                num(y - 4.0),
                num(x + sample)
            );
            marker(out, class, (x + sample / 2.0, y - 4.0), "");
            out.push_str("</g>");
        } else {
            let (sx, sy) = (num(x), num(y - 9.0));
            put!(
                out,
                "<rect class=\"chart-mark series-{class}\" x=\"{sx}\" y=\"{sy}\" width=\"10\" height=\"10\"/>"
            );
            hatch(out, pid, class, (x, y - 9.0, 10.0, 10.0));
        }
        put!(
            out,
            "<text x=\"{}\" y=\"{}\">{}</text>\n",
            num(x + sample + 4.0),
            num(y),
            esc(&text)
        );
        x += need;
    }
    out.push_str("</g>\n");
    y + 4.0
}

/// The ids of a chart's hatch patterns start with this.
fn pattern_prefix(id: &str) -> String {
    format!("{}-hatch", super::ident(id))
}

/// The hatchings that tell stacked series apart without colour: series 1, 2 and 3 (and every
/// fourth after them) get diagonal lines, dots and horizontal lines over their colour; series 0
/// stays plain. The strokes are drawn in the panel colour by charts.css.
fn patterns(out: &mut String, pid: &str) {
    put!(
        out,
        "<defs>\
         <pattern id=\"{pid}-1\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" \
         patternTransform=\"rotate(45)\"><line class=\"chart-hatch\" x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\"/></pattern>\
         <pattern id=\"{pid}-2\" width=\"5\" height=\"5\" patternUnits=\"userSpaceOnUse\">\
         <circle class=\"chart-hatch-dot\" cx=\"2.5\" cy=\"2.5\" r=\"1.1\"/></pattern>\
         <pattern id=\"{pid}-3\" width=\"6\" height=\"5\" patternUnits=\"userSpaceOnUse\">\
         <line class=\"chart-hatch\" x1=\"0\" y1=\"2.5\" x2=\"6\" y2=\"2.5\"/></pattern>\
         </defs>\n"
    );
}

/// The hatching of series `class` over the box `(x, y, w, h)`; nothing for a plain series.
fn hatch(out: &mut String, pid: &str, class: usize, (x, y, w, h): (f64, f64, f64, f64)) {
    let k = class % 4;
    if k == 0 {
        return;
    }
    put!(
        out,
        "<rect class=\"chart-hatching\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"url(#{pid}-{k})\"/>",
        num(x),
        num(y),
        num(w),
        num(h)
    );
}

/// A line series' marker at `(x, y)`, its shape by series (circle, square, triangle,
/// diamond, then again), with `tip` as its tooltip when there is one.
fn marker(out: &mut String, class: usize, (x, y): (f64, f64), tip: &str) {
    let d = match class % 4 {
        0 => format!(
            "M{} {}a3.5 3.5 0 1 0 7 0a3.5 3.5 0 1 0 -7 0Z",
            num(x - 3.5),
            num(y)
        ),
        1 => format!("M{} {}h6.4v6.4h-6.4Z", num(x - 3.2), num(y - 3.2)),
        2 => format!("M{} {}l4 7h-8Z", num(x), num(y - 4.3)),
        _ => format!("M{} {}l4 4l-4 4l-4 -4Z", num(x), num(y - 4.0)),
    };
    if tip.is_empty() {
        put!(out, "<path class=\"chart-mark chart-dot\" d=\"{d}\"/>");
    } else {
        put!(
            out,
            "<path class=\"chart-mark chart-dot\" d=\"{d}\"><title>{tip}</title></path>"
        );
    }
}

/// Gridlines, tick labels, the unit title and the two axis lines.
fn y_axis(out: &mut String, f: &Frame, unit: &str) {
    out.push_str("<g class=\"chart-grid\">\n");
    for t in f.ticks.iter().skip(1) {
        let y = num(f.y(*t));
        put!(
            out,
            "<line x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\"/>\n",
            num(f.x0),
            num(f.x1)
        );
    }
    out.push_str("</g>\n<g class=\"chart-label chart-y\" text-anchor=\"end\">\n");
    for t in &f.ticks {
        let label = esc(&format_value(*t, unit));
        let (x, y) = (num(f.x0 - 6.0), num(f.y(*t)));
        put!(
            out,
            "<text x=\"{x}\" y=\"{y}\" dy=\"0.32em\">{label}</text>\n"
        );
    }
    out.push_str("</g>\n");
    if show_unit(unit) {
        put!(
            out,
            "<text class=\"chart-label chart-unit\" transform=\"rotate(-90)\" x=\"{}\" y=\"12\" \
             text-anchor=\"middle\">{}</text>\n",
            num(-(f.y0 + f.y1) / 2.0),
            esc(&clip(unit.trim(), 24))
        );
    }
    let (x0, x1, y0, y1) = (num(f.x0), num(f.x1), num(f.y0), num(f.y1));
    put!(
        out,
        "<g class=\"chart-axis\"><line x1=\"{x0}\" y1=\"{y0}\" x2=\"{x0}\" y2=\"{y1}\"/>\
         <line x1=\"{x0}\" y1=\"{y1}\" x2=\"{x1}\" y2=\"{y1}\"/></g>\n"
    );
}

/// X labels under the band centres, every k-th one so that none overlap. The step follows
/// the labels after the first, which may be wider (`before 2015`) without thinning the rest;
/// a label that would touch the one drawn before it is skipped.
fn x_axis(out: &mut String, f: &Frame, labels: &[String]) {
    let shown: Vec<String> = labels.iter().map(|l| clip(l, AXIS_CHARS)).collect();
    let widths: Vec<f64> = shown.iter().map(|s| text_w(s)).collect();
    let rest = widths.get(1..).filter(|r| !r.is_empty()).unwrap_or(&widths);
    let every = label_every(rest.iter().copied().fold(0.0, f64::max), f.band());
    let mut free_from = f64::NEG_INFINITY;
    out.push_str("<g class=\"chart-label chart-x\" text-anchor=\"middle\">\n");
    for (i, s) in shown.iter().enumerate().step_by(every) {
        let half = widths[i] / 2.0;
        if f.cx(i) - half < free_from {
            continue;
        }
        free_from = f.cx(i) + half + 6.0;
        let (x, y) = (num(f.cx(i)), num(f.y1 + 16.0));
        put!(out, "<text x=\"{x}\" y=\"{y}\">{}</text>\n", esc(s));
    }
    out.push_str("</g>\n");
}

/// How many bands one label (plus a small gap) needs: show every k-th label.
fn label_every(widest: f64, band: f64) -> usize {
    if band <= 0.0 || !band.is_finite() {
        return 1;
    }
    ((widest + 6.0) / band).ceil().max(1.0) as usize
}

/// One bar per x label (at most 48 wide), series stacked bottom-up in order; zero or missing
/// values draw nothing.
fn bars(out: &mut String, f: &Frame, c: &Chart, vals: &[Vec<Option<f64>>]) {
    let w = (f.band() * 0.7).min(48.0);
    // Stacked series are hatched (see `patterns`, which `draw` wrote under this prefix).
    let stacked = vals.len() > 1;
    let pid = pattern_prefix(&c.id);
    out.push_str("<g class=\"chart-bars\">\n");
    for (i, x_label) in c.x_labels.iter().enumerate() {
        let mut base = 0.0;
        for (s, series) in vals.iter().enumerate() {
            let Some(v) = at(series, i).filter(|v| *v > 0.0) else {
                continue;
            };
            let (top, bottom) = (round1(f.y(base + v)), round1(f.y(base)));
            let label = c.series.get(s).map_or("", |s| s.label.as_str());
            put!(
                out,
                "<rect class=\"chart-mark series-{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\">\
                 <title>{}</title></rect>\n",
                s % SERIES_CLASSES,
                num(f.cx(i) - w / 2.0),
                num(top),
                num(w),
                num(bottom - top),
                tip(x_label, label, v, &c.unit)
            );
            if stacked {
                let area = (f.cx(i) - w / 2.0, top, w, bottom - top);
                hatch(out, &pid, s % SERIES_CLASSES, area);
            }
            base += v;
        }
    }
    out.push_str("</g>\n");
}

/// Per series: a path through each run of values, and a dot with a tooltip per value.
fn lines(out: &mut String, f: &Frame, c: &Chart, vals: &[Vec<Option<f64>>]) {
    for (s, series) in vals.iter().enumerate() {
        let label = c.series.get(s).map_or("", |s| s.label.as_str());
        put!(
            out,
            "<g class=\"chart-series series-{}\">\n",
            s % SERIES_CLASSES
        );
        let d = path_d(f, series);
        if !d.is_empty() {
            put!(out, "<path class=\"chart-path\" d=\"{d}\"/>\n");
        }
        let gaps = gap_d(f, series);
        if !gaps.is_empty() {
            put!(out, "<path class=\"chart-gap\" d=\"{gaps}\"/>\n");
        }
        for (i, v) in series.iter().enumerate() {
            let (Some(v), Some(x)) = (v, c.x_labels.get(i)) else {
                continue;
            };
            let at = (f.cx(i), f.y(*v));
            marker(out, s % SERIES_CLASSES, at, &tip(x, label, *v, &c.unit));
            out.push('\n');
        }
        out.push_str("</g>\n");
    }
}

/// Faint connectors across gaps: from the last value before each run of missing values to
/// the first after it, so that a sparse series still reads as one line (periods without an
/// incident have no value, not a zero).
fn gap_d(f: &Frame, series: &[Option<f64>]) -> String {
    let mut d = String::new();
    let mut last: Option<(usize, f64)> = None;
    for (i, v) in series.iter().enumerate() {
        let Some(v) = v else { continue };
        if let Some((j, u)) = last.filter(|(j, _)| i > j + 1) {
            let sep = if d.is_empty() { "" } else { " " };
            put!(
                d,
                "{sep}M{} {} L{} {}",
                num(f.cx(j)),
                num(f.y(u)),
                num(f.cx(i)),
                num(f.y(*v))
            );
        }
        last = Some((i, *v));
    }
    d
}

/// `M x y L x y ...`, one sub-path per run of two or more values; a gap starts a new one.
fn path_d(f: &Frame, series: &[Option<f64>]) -> String {
    let mut d = String::new();
    let mut start = 0;
    for run in series.split(|v| v.is_none()) {
        if run.len() >= 2 {
            for (j, v) in run.iter().flatten().enumerate() {
                let cmd = if j == 0 { "M" } else { " L" };
                let sep = if j == 0 && !d.is_empty() { " " } else { "" };
                put!(d, "{sep}{cmd}{} {}", num(f.cx(start + j)), num(f.y(*v)));
            }
        }
        start += run.len() + 1;
    }
    d
}

// ── Heat strip ────────────────────────────────────────────────────────────

/// 0 for no events, else 1..=4 by quarter of the busiest week.
fn heat_level(count: u32, max: u32) -> u64 {
    if count == 0 || max == 0 {
        return 0;
    }
    (u64::from(count) * 4).div_ceil(u64::from(max)).clamp(1, 4)
}

fn heat_cells(out: &mut String, weeks: &[(Date, u32)], cell: f64, max: u32) {
    let gap = if cell >= 4.0 { 1.0 } else { 0.0 };
    out.push_str("<g class=\"chart-cells\">\n");
    for (i, (date, count)) in weeks.iter().enumerate() {
        let noun = if *count == 1 { "incident" } else { "incidents" };
        put!(
            out,
            "<rect class=\"heat-{}\" x=\"{}\" y=\"8\" width=\"{}\" height=\"28\">\
             <title>Week of {date}: {} {noun}</title></rect>\n",
            heat_level(*count, max),
            num(8.0 + i as f64 * cell),
            num(cell - gap),
            format_value(f64::from(*count), ""),
        );
    }
    out.push_str("</g>\n");
}

/// A tick and label where a week's Monday starts a new month, thinned to every 1, 3, 6 or 12
/// months by the space there is, and skipped where a label would overlap the one before.
fn month_ticks(out: &mut String, weeks: &[(Date, u32)], cell: f64, w: f64) {
    let stride = month_stride(cell);
    let mut free_from = f64::NEG_INFINITY;
    out.push_str("<g class=\"chart-label chart-months\">\n");
    for (i, (date, _)) in weeks.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|p| weeks.get(p));
        let new_month = prev.is_none_or(|p| p.0.month() != date.month());
        if !new_month || (prev.is_some() && (date.month() - 1) % stride != 0) {
            continue;
        }
        let text = month_label(*date, prev.is_none());
        let x = 8.0 + i as f64 * cell;
        if x < free_from || x + text_w(&text) > w - 4.0 {
            continue;
        }
        let x = num(x);
        put!(
            out,
            "<line class=\"chart-axis\" x1=\"{x}\" y1=\"36\" x2=\"{x}\" y2=\"41\"/>"
        );
        put!(out, "<text x=\"{x}\" y=\"53\">{}</text>\n", esc(&text));
        free_from = 8.0 + i as f64 * cell + text_w(&text) + 6.0;
    }
    out.push_str("</g>\n");
}

fn month_stride(cell: f64) -> i8 {
    let month_w = cell * 52.0 / 12.0;
    let fits = |m: &i8| month_w * f64::from(*m) >= 34.0;
    [1, 3, 6, 12].into_iter().find(fits).unwrap_or(12)
}

/// January shows the year; the first tick shows month and year; others the month.
fn month_label(date: Date, first: bool) -> String {
    let month = usize::try_from(date.month() - 1)
        .ok()
        .and_then(|m| MONTHS.get(m));
    let month = month.copied().unwrap_or("");
    match (date.month(), first) {
        (1, _) => date.year().to_string(),
        (_, true) => format!("{month} {}", date.year()),
        _ => month.to_string(),
    }
}

/// `Less ▢▢▢▢▢ More`, bottom right.
fn heat_legend(out: &mut String, w: f64) {
    let right = w - 8.0;
    let more_x = right - text_w("More");
    let first = more_x - 4.0 - 5.0 * 12.0;
    out.push_str("<g class=\"chart-legend\">\n");
    put!(
        out,
        "<text x=\"{}\" y=\"72\" text-anchor=\"end\">Less</text>",
        num(first - 4.0)
    );
    for level in 0..5 {
        let x = num(first + f64::from(level) * 12.0);
        put!(
            out,
            "<rect class=\"heat-{level}\" x=\"{x}\" y=\"63\" width=\"10\" height=\"10\"/>"
        );
    }
    put!(
        out,
        "<text x=\"{}\" y=\"72\">More</text>\n</g>\n",
        num(more_x)
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::ToSpan;
    use jiff::civil::date;

    /// Well-formed XML, as an XML parser reads it.
    fn well_formed(s: &str) -> Result<(), String> {
        roxmltree::Document::parse(s)
            .map(|_| ())
            .map_err(|e| e.to_string())
    }

    fn chart(labels: &[&str], series: &[(&str, &[Option<f64>])], unit: &str) -> Chart {
        Chart {
            id: "c1".into(),
            title: "Incidents per month".into(),
            description: "Incidents per month, stacked by severity.".into(),
            x_labels: labels.iter().map(|l| l.to_string()).collect(),
            series: series
                .iter()
                .map(|(label, v)| Series {
                    label: label.to_string(),
                    values: v.to_vec(),
                })
                .collect(),
            unit: unit.into(),
        }
    }

    /// The number in `name="..."` of the element text `el`.
    fn attr(el: &str, name: &str) -> f64 {
        let key = format!(" {name}=\"");
        let start = el.find(&key).expect(name) + key.len();
        let len = el[start..].find('"').unwrap();
        el[start..start + len].parse().unwrap()
    }

    /// The `<rect>` elements inside the bar group.
    fn bar_rects(svg: &str) -> Vec<&str> {
        let start = svg.find("<g class=\"chart-bars\">").unwrap();
        let group = &svg[start..start + svg[start..].find("</g>").unwrap()];
        group
            .split("<rect")
            .skip(1)
            .filter(|r| !r.contains("chart-hatching"))
            .collect()
    }

    fn x_texts(svg: &str) -> Vec<&str> {
        let start = svg.find("chart-x").unwrap();
        let group = &svg[start..start + svg[start..].find("</g>").unwrap()];
        group.split("<text").skip(1).collect()
    }

    fn weeks(from: Date, counts: &[u32]) -> Vec<(Date, u32)> {
        let at = |i: usize| from + (7 * i as i64).days();
        counts
            .iter()
            .enumerate()
            .map(|(i, c)| (at(i), *c))
            .collect()
    }

    fn sev_chart() -> Chart {
        let s1: &[Option<f64>] = &[Some(1.0), Some(0.0), Some(2.0)];
        let s2: &[Option<f64>] = &[Some(3.0), Some(4.0), None];
        chart(
            &["2024-01", "2024-02", "2024-03"],
            &[("SEV1", s1), ("SEV2", s2)],
            "incidents",
        )
    }

    #[test]
    fn bar_chart_is_well_formed_and_labelled() {
        let svg = bar_chart(&sev_chart(), WIDE);
        well_formed(&svg).unwrap();
        assert!(svg.starts_with(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 640 260\" class=\"chart \
             chart-bar\" role=\"img\" aria-labelledby=\"c1-title c1-desc\"><title id=\"c1-title\">\
             Incidents per month</title><desc id=\"c1-desc\">Incidents per month, stacked by \
             severity.</desc>\n"
        ));
        for label in [
            "2024-01",
            "2024-02",
            "2024-03",
            ">SEV1<",
            ">SEV2<",
            ">incidents<",
        ] {
            assert!(svg.contains(label), "{label} missing");
        }
        assert!(svg.contains("<title>2024-03 · SEV1: 2 incidents</title>"));
        assert!(svg.contains("<title>2024-01 · SEV2: 3 incidents</title>"));
        let svg_tag = &svg[..svg.find('>').unwrap()];
        assert!(!svg_tag.contains("width") && !svg_tag.contains("height"));
        // The only `#` is a reference to the chart's own hatch patterns.
        let hashes = svg.matches('#').count();
        assert_eq!(
            hashes,
            svg.matches("url(#c1-hatch-").count(),
            "no hard-coded colours"
        );
        assert!(!svg.contains("rgb("), "no hard-coded colours");
        // Series told apart without colour: SEV2 (series 1) is hatched, in its legend too.
        assert!(svg.contains("<pattern id=\"c1-hatch-1\""));
        assert_eq!(svg.matches("fill=\"url(#c1-hatch-1)\"").count(), 3);
    }

    #[test]
    fn bar_heights_are_proportional() {
        let c = chart(&["a", "b"], &[("n", &[Some(2.0), Some(4.0)])], "incidents");
        let svg = bar_chart(&c, WIDE);
        let rects = bar_rects(&svg);
        assert_eq!(rects.len(), 2);
        let (h1, h2) = (attr(rects[0], "height"), attr(rects[1], "height"));
        assert!((h2 - 2.0 * h1).abs() < 0.2, "{h1} {h2}");
        // Both bars stand on the baseline; the 4 reaches the top tick (4).
        assert!((attr(rects[0], "y") + h1 - (attr(rects[1], "y") + h2)).abs() < 0.11);
        assert!(svg.contains(">4</text>") && !svg.contains(">5</text>"));
        assert!(!svg.contains("chart-legend"), "one series: no legend");
    }

    #[test]
    fn stacked_bars_sum_to_the_total() {
        let svg = bar_chart(&sev_chart(), WIDE);
        let rects = bar_rects(&svg);
        // Zero and None draw nothing: 1+3, 4, 2 -> four segments.
        assert_eq!(rects.len(), 4);
        let (a, b, c) = (rects[0], rects[1], rects[2]);
        assert!(
            (attr(b, "y") + attr(b, "height") - attr(a, "y")).abs() < 0.11,
            "b sits on a"
        );
        let stack = attr(a, "height") + attr(b, "height");
        assert!(
            (stack - attr(c, "height")).abs() < 0.2,
            "1+3 is as tall as 4"
        );
        assert!(a.contains("series-0") && b.contains("series-1") && c.contains("series-1"));
    }

    #[test]
    fn line_chart_breaks_at_gaps() {
        let v: &[Option<f64>] = &[Some(10.0), Some(20.0), None, Some(30.0), Some(40.0), None];
        let w: &[Option<f64>] = &[None, Some(5.0), None, Some(7.0), None, Some(1.0)];
        let labels = ["Q1", "Q2", "Q3", "Q4", "Q5", "Q6"];
        let svg = line_chart(
            &chart(&labels, &[("MTTD", v), ("MTTR", w)], "minutes"),
            WIDE,
        );
        well_formed(&svg).unwrap();
        let body = &svg[svg.find("<g class=\"chart-grid\"").unwrap()..]; // after the legend
        let paths: Vec<&str> = body.split("<path class=\"chart-path\"").skip(1).collect();
        assert_eq!(paths.len(), 1, "isolated points make no line");
        let d = &paths[0][..paths[0].find("/>").unwrap()];
        assert_eq!(d.matches('M').count(), 2, "{d}");
        assert_eq!(d.matches('L').count(), 2, "{d}");
        // Faint connectors span the gaps: MTTD's Q2 to Q4, MTTR's Q2 to Q4 and Q4 to Q6.
        let gaps: Vec<&str> = body.split("<path class=\"chart-gap\"").skip(1).collect();
        assert_eq!(gaps.len(), 2);
        assert_eq!(
            gaps[0][..gaps[0].find("/>").unwrap()].matches('M').count(),
            1
        );
        assert_eq!(
            gaps[1][..gaps[1].find("/>").unwrap()].matches('M').count(),
            2
        );
        // One marker per value, shaped by series: circles for MTTD, squares for MTTR.
        assert_eq!(body.matches("chart-dot").count(), 7);
        assert_eq!(body.matches("a3.5 3.5 0 1 0 7 0").count(), 4);
        assert_eq!(body.matches("h6.4v6.4").count(), 3);
        assert!(svg.contains("<title>Q2 · MTTD: 20 min</title>"));
        assert!(svg.contains(">MTTD<") && svg.contains(">MTTR<"));
        assert!(
            !svg.contains("chart-unit"),
            "minute ticks carry their own unit"
        );
    }

    #[test]
    fn heat_strip_shades_weeks_and_ticks_months() {
        let counts: Vec<u32> = (0..20).map(|i| i % 5).collect();
        let svg = heat_strip(
            "h",
            "Weekly",
            "Incidents per week.",
            &weeks(date(2024, 1, 1), &counts),
            WIDE,
        );
        well_formed(&svg).unwrap();
        assert!(svg.contains("class=\"chart chart-heat\""));
        assert_eq!(svg.matches("<rect class=\"heat-").count(), 20 + 5);
        assert!(svg.contains("<rect class=\"heat-4\""));
        assert!(svg.contains("<title>Week of 2024-01-08: 1 incident</title>"));
        assert!(svg.contains("<title>Week of 2024-01-15: 2 incidents</title>"));
        for month in [">2024<", ">Feb<", ">Mar<", ">Apr<", ">May<"] {
            assert!(svg.contains(month), "{month} missing");
        }
        assert_eq!(heat_level(0, 9), 0);
        assert_eq!(heat_level(1, 100), 1);
        assert_eq!(heat_level(100, 100), 4);
        assert_eq!(heat_level(u32::MAX, u32::MAX), 4);
    }

    #[test]
    fn heat_strip_thins_month_labels_over_years() {
        let svg = heat_strip("h", "t", "d", &weeks(date(2019, 3, 4), &[1; 52 * 6]), WIDE);
        well_formed(&svg).unwrap();
        assert!(svg.contains(">Mar 2019<") || svg.contains(">2020<"));
        assert!(!svg.contains(">Feb<"), "monthly labels would overlap");
        let start = svg.find("chart-months").unwrap();
        let group = &svg[start..start + svg[start..].find("</g>").unwrap()];
        let texts: Vec<&str> = group.split("<text").skip(1).collect();
        assert!(texts.len() >= 6, "{group}");
        let ends: Vec<(f64, f64)> = texts
            .iter()
            .map(|t| {
                (
                    attr(t, "x"),
                    text_w(&t[t.find('>').unwrap() + 1..t.find('<').unwrap()]),
                )
            })
            .collect();
        assert!(
            ends.windows(2).all(|w| w[0].0 + w[0].1 < w[1].0),
            "{ends:?}"
        );
    }

    #[test]
    fn nice_ticks_use_1_2_5_steps_from_zero() {
        assert_eq!(nice_ticks(7.0, true, false), [0.0, 2.0, 4.0, 6.0, 8.0]);
        assert_eq!(
            nice_ticks(100.0, true, false),
            [0.0, 20.0, 40.0, 60.0, 80.0, 100.0]
        );
        assert_eq!(nice_ticks(0.0, true, false), [0.0, 1.0]);
        assert_eq!(nice_ticks(2.0, true, false), [0.0, 1.0, 2.0]);
        assert_eq!(
            nice_ticks(0.7, false, false),
            [0.0, 0.2, 0.4, 0.6000000000000001, 0.8]
        );
        assert_eq!(
            nice_ticks(130.0, false, true),
            [0.0, 30.0, 60.0, 90.0, 120.0, 150.0]
        );
        assert_eq!(
            nice_ticks(3.0 * 1440.0, false, true).last(),
            Some(&(3.0 * 1440.0))
        );
        assert!(nice_ticks(f64::NAN, false, false).len() == 2);
        assert!(nice_ticks(1e15, true, false).len() <= 7);
        let svg = bar_chart(&chart(&["a"], &[("n", &[Some(7.0)])], "incidents"), WIDE);
        for t in [">0<", ">2<", ">4<", ">6<", ">8<"] {
            assert!(svg.contains(t), "{t} missing");
        }
    }

    #[test]
    fn sixty_labels_are_thinned_without_overlap() {
        let labels: Vec<String> = (0..60)
            .map(|i| format!("{}-{:02}", 2020 + i / 12, i % 12 + 1))
            .collect();
        let refs: Vec<&str> = labels.iter().map(String::as_str).collect();
        let values: Vec<Option<f64>> = (0..60).map(|i| Some(f64::from(i % 7))).collect();
        let svg = bar_chart(&chart(&refs, &[("n", &values)], "incidents"), WIDE);
        well_formed(&svg).unwrap();
        let texts = x_texts(&svg);
        assert!(texts.len() > 3 && texts.len() < 60, "{}", texts.len());
        assert!(texts[0].contains(">2020-01<"));
        let xs: Vec<f64> = texts.iter().map(|t| attr(t, "x")).collect();
        let min_gap = xs
            .windows(2)
            .map(|w| w[1] - w[0])
            .fold(f64::INFINITY, f64::min);
        assert!(
            min_gap >= text_w("2020-01"),
            "labels overlap: gap {min_gap}"
        );
        assert!(
            xs.iter()
                .all(|x| *x - text_w("2020-01") / 2.0 >= 0.0 && *x + 23.1 <= WIDE)
        );
        assert_eq!(bar_rects(&svg).len(), 60 - 9, "the zeros draw nothing");
    }

    #[test]
    fn a_wide_first_label_does_not_thin_the_others() {
        let mut labels = vec!["before 2016".to_string()];
        labels.extend((2016..2025).map(|y| y.to_string()));
        let refs: Vec<&str> = labels.iter().map(String::as_str).collect();
        let values: Vec<Option<f64>> = (0..10).map(|_| Some(1.0)).collect();
        let svg = bar_chart(&chart(&refs, &[("n", &values)], "incidents"), WIDE);
        let texts = x_texts(&svg);
        assert_eq!(texts.len(), 10, "every year is labelled: {texts:?}");
        // When the bands are narrow, the label after the wide one is skipped, not overlapped.
        let mut labels = vec!["before 2015".to_string()];
        labels.extend((0..45).map(|q| format!("{}-Q{}", 2015 + q / 4, q % 4 + 1)));
        let refs: Vec<&str> = labels.iter().map(String::as_str).collect();
        let values: Vec<Option<f64>> = (0..46).map(|_| Some(1.0)).collect();
        let svg = bar_chart(&chart(&refs, &[("n", &values)], "incidents"), WIDE);
        let texts = x_texts(&svg);
        let spans: Vec<(f64, f64)> = texts
            .iter()
            .map(|t| {
                let w = text_w(&t[t.find('>').unwrap() + 1..t.find('<').unwrap()]);
                (attr(t, "x") - w / 2.0, attr(t, "x") + w / 2.0)
            })
            .collect();
        assert!(texts[0].contains(">before 2015<"));
        assert!(spans.windows(2).all(|w| w[0].1 < w[1].0), "{spans:?}");
        assert!(texts.len() >= 6, "{}", texts.len());
    }

    #[test]
    fn text_is_escaped() {
        let mut c = chart(
            &["<a&b>"],
            &[("\"x\" <&>", &[Some(1.0)]), ("y", &[Some(2.0)])],
            "<u>",
        );
        c.title = "A & B <C>".into();
        c.description = "Say \"hi\" & 'bye'\u{1}".into();
        c.id = "id\"x".into();
        for svg in [bar_chart(&c, WIDE), line_chart(&c, WIDE)] {
            well_formed(&svg).unwrap();
            assert!(svg.contains("&lt;a&amp;b&gt;"));
            assert!(svg.contains("&quot;x&quot; &lt;&amp;&gt;"));
            assert!(svg.contains("A &amp; B &lt;C&gt;"));
            assert!(svg.contains("&#39;bye&#39;</desc>"));
            assert!(!svg.contains("<a&") && !svg.contains("<u>"));
        }
        let svg = heat_strip("<i>", "<t>", "&d", &weeks(date(2024, 1, 1), &[1]), WIDE);
        well_formed(&svg).unwrap();
        assert!(
            svg.contains("id=\"-i--title\">&lt;t&gt;</title>"),
            "ids are made safe"
        );
    }

    #[test]
    fn empty_input_says_no_data_yet() {
        let none: &[Option<f64>] = &[None, Some(f64::NAN)];
        let cases = [
            bar_chart(&chart(&[], &[("n", &[Some(1.0)])], "incidents"), WIDE),
            bar_chart(&chart(&["a", "b"], &[], "incidents"), WIDE),
            line_chart(&chart(&["a", "b"], &[("n", none)], "minutes"), WIDE),
            line_chart(&Chart::default(), WIDE),
            heat_strip("h", "t", "d", &[], WIDE),
        ];
        for svg in cases {
            well_formed(&svg).unwrap();
            assert!(svg.contains(">No data yet</text>"), "{svg}");
            assert!(svg.contains("chart-empty") && svg.contains("viewBox=\"0 0 640 80\""));
            assert!(svg.len() < 600);
        }
    }

    #[test]
    fn bad_values_are_clamped_or_ignored() {
        let v: &[Option<f64>] = &[
            Some(f64::NAN),
            Some(-5.0),
            Some(f64::INFINITY),
            Some(1e300),
            Some(f64::NEG_INFINITY),
            Some(3.0),
        ];
        let labels = ["a", "b", "c", "d", "e", "f", "g"];
        for unit in ["incidents", "minutes", ""] {
            let c = chart(&labels, &[("n", v), ("m", v)], unit);
            for svg in [bar_chart(&c, WIDE), line_chart(&c, WIDE)] {
                well_formed(&svg).unwrap();
                assert!(!svg.contains("NaN") && !svg.contains("inf"), "{svg}");
                assert!(svg.contains("1,000,000,000,000") || unit == "minutes");
            }
        }
        assert_eq!(format_value(f64::NAN, "incidents"), "–");
        assert_eq!(format_value(-0.01, "incidents"), "0");
        assert_eq!(format_value(-1234.5, ""), "-1,234.5");
        assert_eq!(format_value(f64::MAX, "minutes"), human_minutes(f64::MAX));
    }

    #[test]
    fn values_are_formatted_for_people() {
        assert_eq!(format_value(1234.0, "incidents"), "1,234");
        assert_eq!(format_value(12.5, "incidents"), "12.5");
        assert_eq!(format_value(12.46, ""), "12.5");
        assert_eq!(format_value(1_000_000.0, ""), "1,000,000");
        assert_eq!(format_value(999.0, ""), "999");
        assert_eq!(format_value(72.0, "minutes"), "1 h 12 min");
        assert_eq!(format_value(1440.0, "min"), "1 d");
        assert_eq!(with_unit(1.0, "incidents"), "1 incident");
        assert_eq!(with_unit(2.0, "incidents"), "2 incidents");
        assert_eq!(with_unit(1.0, "ms"), "1 ms");
        assert_eq!(with_unit(90.0, "minutes"), "1 h 30 min");
        assert_eq!(tip("Q1", "", 3.0, "pages"), "Q1: 3 pages");
    }

    #[test]
    fn series_classes_cycle_and_legend_wraps() {
        let names: Vec<String> = (0..20).map(|i| format!("service number {i}")).collect();
        let v: &[Option<f64>] = &[Some(1.0)];
        let series: Vec<(&str, &[Option<f64>])> = names.iter().map(|n| (n.as_str(), v)).collect();
        let svg = bar_chart(&chart(&["a"], &series, "incidents"), WIDE);
        well_formed(&svg).unwrap();
        assert_eq!(
            svg.matches("series-7\"").count(),
            4,
            "series 7 and 15: swatch and bar"
        );
        assert_eq!(svg.matches("series-0\"").count(), 6, "series 0, 8 and 16");
        assert!(!svg.contains("series-8"));
        assert!(
            svg.contains("viewBox=\"0 0 640 268\""),
            "five legend rows make it taller"
        );
        assert!(names.iter().all(|n| svg.contains(&format!(">{n}<"))));
    }

    #[test]
    fn coordinates_have_one_decimal_at_most() {
        let c = chart(
            &["a", "b", "c"],
            &[("x", &[Some(1.0 / 3.0), Some(2.0), None])],
            "h",
        );
        let svg = bar_chart(&c, WIDE);
        for part in svg.split('"') {
            if let Some((_, frac)) = part.split_once('.')
                && part.parse::<f64>().is_ok()
            {
                assert_eq!(frac.len(), 1, "{part}");
            }
        }
    }

    #[test]
    fn bar_snapshot() {
        let c = chart(
            &["2024-03", "2024-04"],
            &[("SEV2", &[Some(2.0), Some(4.0)])],
            "incidents",
        );
        insta::assert_snapshot!(bar_chart(&c, WIDE));
    }

    #[test]
    fn line_snapshot() {
        let v: &[Option<f64>] = &[Some(30.0), None, Some(90.0), Some(60.0)];
        let svg = line_chart(
            &chart(&["Q1", "Q2", "Q3", "Q4"], &[("MTTR", v)], "minutes"),
            WIDE,
        );
        insta::assert_snapshot!(svg);
    }

    #[test]
    fn heat_snapshot() {
        insta::assert_snapshot!(heat_strip(
            "w",
            "t",
            "d",
            &weeks(date(2024, 1, 29), &[0, 2, 4]),
            WIDE
        ));
    }
}
