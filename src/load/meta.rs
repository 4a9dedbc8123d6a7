//! What a post-mortem without front matter says about itself in its first lines, as the Google,
//! PagerDuty and wiki templates write it (`**Date:** 2019-07-02`, `Severity: Sev 2`,
//! `**Authors:** ana, bo`, several on one line separated by `·` or `|`), and what its file name
//! says (`2016-02-03-checkout-redis-oom.md`). Takes the body text; gives the values with their
//! offsets, for the front-matter fields a file leaves out.

use jiff::civil::Date;

/// A value found in the body, with the byte offset where it starts.
pub type Found = Option<(String, usize)>;

/// The metadata lines of a body's first lines.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Meta {
    pub date: Found,
    /// When it was detected and resolved (`**Reported at:**`, `**Incident end:**`), used when
    /// the front matter does not say.
    pub detected: Found,
    pub mitigated: Found,
    pub resolved: Found,
    /// Lists of ids (`Services: checkout, flags`, `Tags: feature-flags`), as Notion writes
    /// a page's properties.
    pub services: Found,
    pub teams: Found,
    pub tags: Found,
    pub severity: Found,
    pub authors: Found,
    pub status: Found,
    /// A time of day alone on a start line (`Start of impact: 02:47 BST`, beside `Date of
    /// incident: 14/05/2024`): the start's time on the day the date line gives.
    pub start_clock: Found,
    /// `Timezone: America/New_York`, as an Etsy Morgue page writes it: the zone of the times
    /// that do not say theirs, when the front matter gives none.
    pub timezone: Found,
    /// The body opens as an email does (`From:` and `Subject:` among its first lines): its
    /// `Date:` is when the write-up was sent, whose time of day says nothing of the incident.
    pub email: bool,
}

/// How many lines from the top of the body are read for metadata.
const HEAD_LINES: usize = 40;

/// Reads the metadata lines in the first lines of `body`: outside code blocks, each a label
/// (bold, italic or plain, optionally a list item) followed by `:` and a value.
pub fn read(body: &str) -> Meta {
    let mut meta = Meta::default();
    // Under a `## Severity` heading, the first line's first words (`**Critical** - ...`).
    let mut severity_heading = false;
    let mut seen_email_headers = 0;
    // An impact window's end (`10:05 – 12:20 EDT`): the end, unless a line says when it was
    // resolved.
    let mut window_end: Found = None;
    // A date-first window's start (`Exposure window: 2024-02-11 08:00 – ...`): the start when
    // no line gives one.
    let mut window_start: Found = None;
    let head: Vec<(usize, usize, &str)> = lines_outside_code(body)
        .take_while(|(i, _, _)| *i < HEAD_LINES)
        .collect();
    // A status is the document's only in its header: before its first section (`##`) and
    // not indented. Under the sections, `**Status**: In progress` is an action item's.
    let mut in_header = true;
    for (k, &(i, start, line)) in head.iter().enumerate() {
        let t = line.trim();
        if t.starts_with("##") {
            in_header = false;
        }
        if t.starts_with('#') {
            let heading = t.trim_start_matches('#').trim().trim_end_matches(':');
            // `## Date: February 06, 2023`: a metadata line written as a heading.
            if let Some((label, value, value_at)) = label_value(heading)
                && matches!(
                    label.as_str(),
                    "date" | "incident date" | "date of incident"
                )
                && meta.date.is_none()
                && !value.is_empty()
            {
                let at = start + line.find(heading).unwrap_or(0) + value_at;
                meta.date = Some((value, at));
                continue;
            }
            severity_heading = [
                "severity",
                "severity level",
                "incident severity",
                "severity & impact",
                "severity and impact",
            ]
            .contains(&heading.to_lowercase().as_str());
            continue;
        }
        if severity_heading && !t.is_empty() {
            severity_heading = false;
            if meta.severity.is_none()
                && let Some((value, at)) = leading_words(t)
            {
                meta.severity = Some((value, start + (line.len() - line.trim_start().len()) + at));
                continue;
            }
        }
        // `| **Severity** | Sev 2 |`: a two-column table of fields, as Confluence's page
        // properties, GitLab's and incident.io's overview tables write them.
        let row = table_field(line);
        // `| Started at | Detected at |`, a rule, then one row of values (as Rootly writes
        // an incident's times) in the header: each column a field.
        let wide = match in_header {
            true => wide_fields(&head, k),
            false => Vec::new(),
        };
        let is_wide = row.is_none() && !wide.is_empty();
        let pieces: Vec<(usize, std::borrow::Cow<str>)> = match &row {
            Some((at, piece)) => vec![(start + at, piece.as_str().into())],
            None if !wide.is_empty() => wide,
            None => (pieces(line).into_iter())
                .map(|(at, p)| (start + at, p.into()))
                .collect(),
        };
        for (piece_at, piece) in pieces {
            let Some((label, value, value_at)) = label_value(&piece) else {
                continue;
            };
            let value_at = match &row {
                // The value's offset in the line, not in the joined piece.
                Some(_) => line[piece_at - start..]
                    .find(value.as_str())
                    .map_or(0, |v| v),
                // A wide table's piece is at its value's cell.
                None if is_wide => 0,
                None => value_at,
            };
            // `Start time UTC: 2022-05-11 14:22`, `End time (UTC)`: the zone of the value.
            let (label, value) = match ["utc", "(utc)", "gmt", "(gmt)"]
                .iter()
                .find_map(|z| label.strip_suffix(z).map(|l| (l.trim_end(), z)))
            {
                Some((bare, zone)) if !bare.is_empty() => {
                    let zone = zone.trim_matches(['(', ')']).to_uppercase();
                    let zoned = match says_zone(&value) {
                        true => value,
                        false => format!("{value} {zone}"),
                    };
                    (bare.to_string(), zoned)
                }
                _ => (label, value),
            };
            // `Start of impact: 02:47 BST`: a time of day, no day; the date line says which.
            if START_LABELS.contains(&label.as_str())
                && opens_with_clock(&bare_clock(&value))
                && loose_date(&value).is_none()
            {
                if meta.start_clock.is_none() {
                    meta.start_clock = Some((value, piece_at + value_at));
                }
                continue;
            }
            // `**Impact window:** 13:31–14:29 UTC, 21 Aug 2024`: its start (a window of days,
            // `Monday 14 – Wednesday 16 October 2024`, says neither start nor day).
            // `**Impact window:** 10:05 – 12:20 EDT` under a date line: the start's time of
            // day, and the end's.
            if [
                "impact window",
                "outage window",
                "incident window",
                "exposure window",
            ]
            .contains(&label.as_str())
            {
                let at = piece_at + value_at;
                // `2024-02-11 08:00 – 2024-02-12 17:45 CET`: its start, in the zone written
                // at its end.
                if !opens_with_clock(&value)
                    && window_start.is_none()
                    && let Some((from, to)) =
                        ([" – ", " — ", " - ", " to "].iter()).find_map(|sep| value.split_once(sep))
                    && loose_date(from).is_some()
                    && first_clock(from).is_some()
                {
                    let zone =
                        (to.split_whitespace().last()).filter(|z| !says_zone(from) && zone_word(z));
                    window_start = Some((
                        zone.map_or_else(
                            || from.trim().to_string(),
                            |z| format!("{} {z}", from.trim()),
                        ),
                        at,
                    ));
                    continue;
                }
                if opens_with_clock(&value) && meta.date.is_none() {
                    meta.date = Some((value, at));
                } else if opens_with_clock(&value) && loose_date(&value).is_none() {
                    let end = first_clock(value.trim_start()).and_then(|(_, _, a)| range_end(a));
                    if let Some(end) = end.filter(|_| window_end.is_none()) {
                        window_end = Some((end.to_string(), at + (value.len() - end.len())));
                    }
                    if meta.start_clock.is_none() {
                        meta.start_clock = Some((value, at));
                    }
                }
                continue;
            }
            let slot = match label.as_str() {
                "date"
                | "incident date"
                | "date of incident"
                | "started"
                | "start date"
                | "when"
                | "date/time"
                | "date & time"
                | "date and time"
                | "incident start"
                | "start"
                | "start time"
                | "started at"
                | "impact start"
                | "impact started"
                | "impact started at"
                | "incident began"
                | "began"
                | "outage start"
                | "start of impact"
                | "customer impact start"
                | "impact start time"
                | "impact start date"
                | "exposure began"
                | "exposure start"
                | "beginn der störung"
                | "störungsbeginn"
                | "inicio del impacto"
                | "début de l'incident"
                | "début de l'impact"
                | "datum"
                | "fecha"
                | "data"
                | "日付"
                | "発生日"
                | "発生日時"
                | "data incidente"
                | "data dell'incidente"
                | "date de l'incident"
                | "date de l'événement"
                | "jour de l'incident"
                | "inizio"
                | "inizio impatto"
                | "begin"
                | "begin impact"
                | "datum incident"
                | "发生时间"
                | "开始时间"
                | "故障时间"
                | "发生日期"
                | "дата"
                | "дата инцидента"
                | "дата и время"
                | "발생 일시"
                | "발생일"
                | "장애 일시"
                | "tarih"
                | "olay tarihi"
                | "outage begin"
                | "outage began"
                | "impact begin"
                | "data incydentu"
                | "data zdarzenia"
                | "ngày xảy ra"
                | "thời điểm xảy ra"
                | "tanggal"
                | "tanggal kejadian"
                | "waktu kejadian"
                | "datum incidentu"
                | "začátek"
                | "začátek incidentu"
                | "začátek dopadu"
                | "التاريخ"
                | "تاريخ الحادثة"
                | "بداية الحادثة"
                | "بداية الأثر"
                | "وقت البداية"
                | "תאריך"
                | "תאריך האירוע"
                | "תאריך התקלה"
                | "מועד האירוע"
                | "תחילת האירוע"
                | "תחילת ההשפעה"
                | "päivämäärä"
                | "häiriön päivämäärä"
                | "ajankohta"
                | "alkoi"
                | "häiriö alkoi"
                | "alkamisaika"
                | "дата інциденту"
                | "початок"
                | "початок інциденту"
                | "початок впливу"
                | "час початку"
                | "ημερομηνία"
                | "ημερομηνία συμβάντος"
                | "ημερομηνία περιστατικού"
                | "έναρξη"
                | "έναρξη επίπτωσης"
                | "dato"
                | "hendelsesdato"
                | "dato for hendelsen"
                | "starttidspunkt"
                | "start på påvirkning"
                | "hændelsesdato"
                | "dato for hændelsen"
                | "start på påvirkningen"
                | "data incidentului"
                | "data incident"
                | "începutul incidentului"
                | "inceputul incidentului"
                | "începutul impactului"
                | "dátum"
                | "az incidens dátuma"
                | "kezdete"
                | "az incidens kezdete"
                | "hatás kezdete"
                | "data de l'incident"
                | "inici"
                | "inici de l'incident"
                | "inici de l'impacte"
                | "hora d'inici"
                | "dátum incidentu"
                | "začiatok"
                | "začiatok incidentu"
                | "začiatok dopadu"
                | "तारीख"
                | "तारीख़"
                | "दिनांक"
                | "तिथि"
                | "घटना की तारीख"
                | "घटना की तिथि"
                | "घटना तिथि"
                | "प्रभाव शुरू"
                | "शुरुआत"
                | "प्रारंभ" => &mut meta.date,
                "detected"
                | "detected at"
                | "triggered"
                | "triggered at"
                | "alert triggered"
                | "alerted"
                | "alerted at"
                | "first alert"
                | "paged at"
                | "reported"
                | "reported at"
                | "detection time"
                | "detect time"
                | "time detected"
                | "first detected"
                | "störung erkannt"
                | "検知日時"
                | "検知"
                | "détection"
                | "detección"
                | "detecção"
                | "erkannt"
                | "rilevato"
                | "rilevamento"
                | "ontdekt"
                | "detectie"
                | "发现时间"
                | "告警时间"
                | "обнаружено"
                | "감지"
                | "tespit"
                | "detekce"
                | "detekováno"
                | "zjištěno"
                | "وقت الاكتشاف"
                | "الاكتشاف"
                | "זמן זיהוי"
                | "מועד זיהוי"
                | "זוהה"
                | "havaittu"
                | "havaitsemisaika"
                | "виявлено"
                | "час виявлення"
                | "εντοπίστηκε"
                | "εντοπισμός"
                | "χρόνος εντοπισμού"
                | "oppdaget"
                | "tidspunkt for oppdagelse"
                | "opdaget"
                | "tidspunkt for opdagelse"
                | "detectat"
                | "detectare"
                | "momentul detectării"
                | "észlelve"
                | "észlelés"
                | "észlelés ideje"
                | "detecció"
                | "hora de detecció"
                | "zistené"
                | "čas zistenia"
                | "detekcia"
                | "पता चला"
                | "पहचान"
                | "पता चलने का समय" => &mut meta.detected,
                "mitigated"
                | "mitigated at"
                | "mitigation time"
                | "time mitigated"
                | "impact mitigated"
                | "mitigation"
                | "暫定対応完了"
                | "暫定対応"
                | "zmírněno"
                | "وقت الاحتواء"
                | "mitigat"
                | "mitigació"
                | "zmiernené"
                | "शमन" => &mut meta.mitigated,
                "resolved"
                | "resolved at"
                | "incident end"
                | "end"
                | "end time"
                | "ended"
                | "ended at"
                | "impact ended"
                | "impact ended at"
                | "impact end"
                | "fixed at"
                | "fixed"
                | "outage end"
                | "end of impact"
                | "customer impact end"
                | "impact end time"
                | "impact end date"
                | "contained / resolved"
                | "resolved / contained"
                | "störung behoben"
                | "fin del impacto"
                | "resolution time"
                | "復旧日時"
                | "復旧"
                | "résolution"
                | "fin de l'incident"
                | "fin de l'impact"
                | "resolución"
                | "resolução"
                | "behoben"
                | "risolto"
                | "fine"
                | "fine impatto"
                | "opgelost"
                | "einde"
                | "einde impact"
                | "恢复时间"
                | "结束时间"
                | "восстановлено"
                | "복구 일시"
                | "çözüm"
                | "vyřešeno"
                | "konec"
                | "konec incidentu"
                | "konec dopadu"
                | "وقت الحل"
                | "وقت الإغلاق"
                | "انتهاء الأثر"
                | "نهاية الحادثة"
                | "סיום האירוע"
                | "סיום ההשפעה"
                | "זמן פתרון"
                | "נפתר"
                | "ratkaistu"
                | "päättyi"
                | "häiriö päättyi"
                | "päättymisaika"
                | "вирішено"
                | "усунено"
                | "час усунення"
                | "кінець впливу"
                | "завершення інциденту"
                | "επιλύθηκε"
                | "αποκαταστάθηκε"
                | "επίλυση"
                | "τέλος επίπτωσης"
                | "løst"
                | "sluttidspunkt"
                | "slutt på påvirkning"
                | "slut på påvirkningen"
                | "rezolvat"
                | "sfârșitul impactului"
                | "sfarsitul impactului"
                | "megoldva"
                | "helyreállítva"
                | "hatás vége"
                | "resolt"
                | "resolució"
                | "hora de resolució"
                | "fi de l'impacte"
                | "final de l'impacte"
                | "fi de l'incident"
                | "vyriešené"
                | "čas vyriešenia"
                | "koniec"
                | "koniec dopadu"
                | "koniec incidentu"
                | "समाधान"
                | "समाधान का समय"
                | "हल हुआ"
                | "प्रभाव समाप्त"
                | "घटना समाप्त" => &mut meta.resolved,
                "severity"
                | "sev"
                | "priority"
                | "incident severity"
                | "impact level"
                | "schweregrad"
                | "priorität"
                | "gravité"
                | "sévérité"
                | "priorité"
                | "severidad"
                | "gravedad"
                | "prioridad"
                | "gravidade"
                | "severidade"
                | "prioridade"
                | "重大度"
                | "深刻度"
                | "優先度"
                | "障害レベル"
                | "severità"
                | "allvarlighetsgrad"
                | "prioritet"
                | "ważność"
                | "priorytet"
                | "gravità"
                | "priorità"
                | "ernst"
                | "ernstniveau"
                | "prioriteit"
                | "故障等级"
                | "事故等级"
                | "严重程度"
                | "级别"
                | "优先级"
                | "приоритет"
                | "критичность"
                | "серьёзность"
                | "серьезность"
                | "장애 등급"
                | "심각도"
                | "등급"
                | "önem derecesi"
                | "öncelik"
                | "önem"
                | "mức độ"
                | "mức độ nghiêm trọng"
                | "độ ưu tiên"
                | "tingkat keparahan"
                | "keparahan"
                | "prioritas"
                | "závažnost"
                | "stupeň závažnosti"
                | "priorita"
                | "درجة الخطورة"
                | "الخطورة"
                | "مستوى الخطورة"
                | "الأولوية"
                | "חומרה"
                | "רמת חומרה"
                | "דרגת חומרה"
                | "vakavuus"
                | "vakavuusaste"
                | "prioriteetti"
                | "критичність"
                | "рівень критичності"
                | "серйозність"
                | "пріоритет"
                | "σοβαρότητα"
                | "κρισιμότητα"
                | "προτεραιότητα"
                | "alvorlighetsgrad"
                | "alvorlighet"
                | "alvorlighed"
                | "alvorlighedsgrad"
                | "severitate"
                | "severitatea"
                | "gravitate"
                | "prioritate"
                | "súlyosság"
                | "súlyossági szint"
                | "prioritás"
                | "gravetat"
                | "severitat"
                | "prioritat"
                | "criticitat"
                | "závažnosť"
                | "गंभीरता"
                | "गंभीरता स्तर"
                | "प्राथमिकता" => &mut meta.severity,
                "authors"
                | "author"
                | "written by"
                | "postmortem owner"
                | "post-mortem owner"
                | "автор"
                | "작성자"
                | "hazırlayan"
                | "yazar"
                | "autor"
                | "người viết báo cáo"
                | "người viết"
                | "penulis"
                | "autoři"
                | "كاتب التقرير"
                | "المؤلف"
                | "المؤلفون"
                | "כותבים"
                | "כותב"
                | "כותבת"
                | "נכתב על ידי"
                | "kirjoittajat"
                | "kirjoittaja"
                | "laatija"
                | "автори"
                | "підготував"
                | "підготувала"
                | "συντάκτης"
                | "συντάκτρια"
                | "συντάκτες"
                | "συγγραφέας"
                | "forfatter"
                | "forfattere"
                | "skrevet av"
                | "skrevet af"
                | "autori"
                | "întocmit de"
                | "intocmit de"
                | "szerző"
                | "szerzők"
                | "készítette"
                | "autora"
                | "autors"
                | "redacció"
                | "redactat per"
                | "escrit per"
                | "autorka"
                | "vypracoval"
                | "vypracovala"
                | "लेखक"
                | "लेखिका" => &mut meta.authors,
                "status" | "document status" if in_header && !line.starts_with([' ', '\t']) => {
                    &mut meta.status
                }
                "status" | "document status" => continue,
                "services"
                | "service"
                | "affected services"
                | "affected systems"
                | "components"
                | "affected components"
                | "impacted services"
                | "impacted systems"
                | "services affected"
                | "affected products"
                | "servicios afectados"
                | "serviços afetados"
                | "services impactés"
                | "betroffene dienste"
                | "затронутые сервисы"
                | "영향 서비스"
                | "etkilenen servisler"
                | "usługi"
                | "dotknięte usługi"
                | "dịch vụ bị ảnh hưởng"
                | "layanan terdampak"
                | "dotčené služby"
                | "postižené služby"
                | "الخدمات المتأثرة"
                | "שירותים מושפעים"
                | "מערכות מושפעות"
                | "palvelut"
                | "vaikutetut palvelut"
                | "järjestelmät"
                | "зачеплені сервіси"
                | "сервіси"
                | "επηρεαζόμενες υπηρεσίες"
                | "υπηρεσίες"
                | "berørte tjenester"
                | "tjenester"
                | "påvirkede tjenester"
                | "servicii afectate"
                | "servicii"
                | "érintett szolgáltatások"
                | "szolgáltatások"
                | "serveis afectats"
                | "serveis"
                | "dotknuté služby"
                | "ovplyvnené služby"
                | "služby"
                | "प्रभावित सेवाएँ"
                | "प्रभावित सेवाएं"
                | "सेवाएँ"
                | "सेवाएं" => &mut meta.services,
                "teams" | "team" | "owning team" => &mut meta.teams,
                // Only in the header, and only a zone (`Timezone: America/New_York`): a
                // `**Time zone:** PST vs UTC confusion` under the causes says something else.
                l if TIMEZONE_LABELS.contains(&l) && in_header && named_zone(&value).is_some() => {
                    &mut meta.timezone
                }
                "tags" | "labels" => &mut meta.tags,
                "from" | "subject" if i < 8 => {
                    seen_email_headers += 1;
                    continue;
                }
                _ => continue,
            };
            // `Fixed: yes`, `Fixed: in 4.2`: no time, and no label of the end.
            let timeless = label == "fixed" && !has_clock(&value) && loose_date(&value).is_none();
            if slot.is_none() && !value.is_empty() && !timeless {
                *slot = Some((value, piece_at + value_at));
            }
        }
    }
    meta.email = seen_email_headers >= 2;
    if meta.resolved.is_none() {
        meta.resolved = window_end;
    }
    if meta.date.is_none() {
        meta.date = window_start;
    }
    meta
}

/// The cells of a table row (`| a | b |`), each with its offset in the line; `None` for a
/// line that is not one.
fn row_cells(line: &str) -> Option<Vec<(usize, &str)>> {
    let t = line.trim_end();
    let open = t.find('|').filter(|&o| t[..o].trim().is_empty())?;
    let inner = t[open + 1..].strip_suffix('|')?;
    let mut out = Vec::new();
    let mut from = open + 1;
    for cell in inner.split('|') {
        let lead = cell.len() - cell.trim_start().len();
        out.push((from + lead, cell.trim()));
        from += cell.len() + 1;
    }
    Some(out)
}

/// When the line at `k` of `head` is the header of a table of three or more columns with
/// one row of values, `label: value` for each column (at its value's offset in the body).
fn wide_fields<'a>(
    head: &[(usize, usize, &'a str)],
    k: usize,
) -> Vec<(usize, std::borrow::Cow<'a, str>)> {
    let cells = |j: usize| head.get(j).and_then(|(_, _, l)| row_cells(l));
    let (Some(labels), Some(rule), Some(values)) = (cells(k), cells(k + 1), cells(k + 2)) else {
        return Vec::new();
    };
    let is_rule = (rule.iter())
        .all(|(_, c)| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')));
    let one_row = cells(k + 3).is_none();
    if labels.len() < 3 || labels.len() != values.len() || !is_rule || !one_row {
        return Vec::new();
    }
    let value_start = head[k + 2].1;
    (labels.iter().zip(&values))
        .filter(|((_, l), (_, v))| !l.is_empty() && !v.is_empty() && !l.contains(':'))
        .map(|((_, l), (at, v))| {
            let label = l.trim_matches(['*', '_']).trim();
            (value_start + at, format!("{label}: {v}").into())
        })
        .collect()
}

impl Meta {
    /// The severity the head gives, else a `Severity:` line further down (`**Severity:**
    /// Major` opening a long write-up's Impact section); read only when asked, as most
    /// post-mortems that rate themselves do so in their front matter.
    pub fn severity_in(&self, body: &str) -> Found {
        self.severity.clone().or_else(|| {
            lines_outside_code(body)
                .skip_while(|(i, _, _)| *i < HEAD_LINES)
                .filter(|(_, _, line)| line.contains(':'))
                .find_map(|(_, start, line)| {
                    pieces(line).into_iter().find_map(|(at, piece)| {
                        let (label, value, value_at) = label_value(piece)?;
                        (matches!(label.as_str(), "severity" | "incident severity")
                            && !value.is_empty())
                        .then(|| (value, start + at + value_at))
                    })
                })
        })
    }
}

/// The lines of `body` outside fenced code blocks (the fences left out too): each with its
/// number (from 0, counting every line) and its offset.
fn lines_outside_code(body: &str) -> impl Iterator<Item = (usize, usize, &str)> {
    let mut offset = 0;
    let mut fenced = false;
    body.split_inclusive('\n')
        .enumerate()
        .filter_map(move |(i, line)| {
            let start = offset;
            offset += line.len();
            let t = line.trim_start();
            if t.starts_with("```") || t.starts_with("~~~") {
                fenced = !fenced;
                return None;
            }
            (!fenced).then_some((i, start, line))
        })
}

/// The words a line opens with, before a dash, a parenthesis or a full stop, emphasis
/// aside (`**Critical** – Complete outage` -> `Critical`), with their offset in the line; at
/// most three words.
fn leading_words(line: &str) -> Option<(String, usize)> {
    let skip = line.len() - line.trim_start_matches(['*', '_', ' ']).len();
    let rest = &line[skip..];
    let end = [
        rest.find(['–', '—', '(', '.', ':', ',', '\n']),
        rest.find(" - "),
    ]
    .into_iter()
    .flatten()
    .min()
    .unwrap_or(rest.len());
    let words = rest[..end].trim().trim_end_matches(['*', '_']).trim();
    (!words.is_empty() && words.split_whitespace().count() <= 3).then(|| (words.to_string(), skip))
}

/// A table row of two cells, a field and its value (`| **Incident date** | 2024-03-05 |`,
/// or in HTML, `<tr><td><strong>Date of incident</strong></td><td>2020-03-03</td></tr>`, as
/// wiki exports write it), as the piece `Incident date: 2024-03-05` and the offset of the
/// row's first cell.
fn table_field(line: &str) -> Option<(usize, String)> {
    // In a quote too: a tool's box around the details table (`:::info Incident summary`).
    let t = line.trim().trim_start_matches(['>', ' ']);
    if t.starts_with("<tr") {
        // The cells' texts: what lies between tags, in order.
        let mut cells: Vec<String> = Vec::new();
        let lower = t.to_ascii_lowercase();
        let mut opens: Vec<usize> = (lower.match_indices("<td").chain(lower.match_indices("<th")))
            .map(|(i, _)| i)
            .collect();
        opens.sort_unstable();
        for i in opens {
            let open_end = i + t[i..].find('>')? + 1;
            let close = lower[open_end..]
                .find("</t")
                .map_or(t.len(), |c| open_end + c);
            let mut text = String::new();
            let mut in_tag = false;
            for c in t[open_end..close].chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    c if !in_tag => text.push(c),
                    _ => {}
                }
            }
            cells.push(text.trim().to_string());
        }
        let [label, value] = &cells[..] else {
            return None;
        };
        let label = label.trim_end_matches(':');
        if label.is_empty() || value.is_empty() || label.contains(':') {
            return None;
        }
        return Some((line.find('<')?, format!("{label}: {value}")));
    }
    let inner = t.strip_prefix('|')?.strip_suffix('|')?;
    let cells: Vec<&str> = inner.split('|').map(str::trim).collect();
    let (label, value) = match cells[..] {
        [label, value] => (label, value),
        // `| Started | Aug 21, 2024 7:02:00 AM PDT | – |`, a row of a table of milestones
        // (FireHydrant's, with the time since the start beside): a field whose value is a
        // date; other tables of three columns are tables of something else.
        [label, value, _, ..] if loose_date(value).is_some() => (label, value),
        _ => return None,
    };
    let label = label.trim_matches(['*', '_']).trim().trim_end_matches(':');
    if label.is_empty() || value.is_empty() || label.contains(':') {
        return None;
    }
    let at = line.find('|')? + 1;
    Some((at, format!("{label}: {value}")))
}

/// A line's pieces, each with its offset in the line: `**Severity:** P1 · **Date:** 2022-09-12`
/// has two.
fn pieces(line: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut push = |from: usize, to: usize| {
        let p = &line[from..to];
        let t = p.trim_start();
        if !t.trim().is_empty() {
            out.push((from + p.len() - t.len(), t.trim_end()));
        }
    };
    let mut from = 0;
    for (i, c) in line.char_indices() {
        if matches!(c, '·' | '|' | '•') {
            push(from, i);
            from = i + c.len_utf8();
        } else if c == '*'
            && i > from
            && line[..i].ends_with(' ')
            && let Some(label) = line[i..].strip_prefix("**")
            && label.split_once("**").is_some_and(|(l, _)| {
                // `**Date:** ...`, or the value in the bold too (`Incident INC-2407-031,
                // **Severity: S2**`): a word or two of a word's label (not a clock's colon,
                // `**23:16 IST on 9 Feb**`), and a word or two of value (not a sentence in
                // bold, `**Priority: restore writes first**`).
                let (name, value) = l.split_once(':').unwrap_or((l, ""));
                let words = |s: &str| s.split_whitespace().count();
                let label_only = l.ends_with(':') && words(l) <= 4;
                let with_value = (1..=2).contains(&words(value))
                    && (1..=2).contains(&words(name))
                    && (name.chars())
                        .all(|c| c.is_alphabetic() || crate::format::is_word_mark(c) || c == ' ');
                !l.contains('*') && (label_only || with_value)
            })
        {
            // `**Date:** 2024-10-02 **Severity:** P2 **Duration:** 38 min`: a label each.
            push(from, i);
            from = i;
        }
    }
    push(from, line.len());
    out
}

/// Durations a write-up states in its own words (`Time to detection: 8 minutes`, `TTR: 2 h
/// 5 min`, as a "Stats" list keeps them), in minutes (32 bits: 4,000 years of them, and every
/// incident's record holds one).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Stated {
    pub ttd: Option<i32>,
    pub ttm: Option<i32>,
    pub ttr: Option<i32>,
}

/// The durations `body` states anywhere outside its code blocks, each the first given: as
/// labelled lines (`**Time to detect:** 8 minutes`) or in a table whose header names them
/// (`| Customers Impacted | Incident Duration |`, then a row `| All | ~24h40m |`).
pub fn stated(body: &str) -> Stated {
    let mut out = Stated::default();
    // A table header's duration columns: (column, which), while its rows are read.
    let mut columns: Vec<(usize, usize)> = Vec::new();
    for (_, _, line) in lines_outside_code(body) {
        let t = line.trim();
        if t.starts_with('|') {
            let cells: Vec<&str> = t.trim_matches('|').split('|').map(str::trim).collect();
            if cells
                .iter()
                .all(|c| c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
            {
                continue;
            }
            if columns.is_empty() {
                columns = (cells.iter().enumerate())
                    .filter_map(|(i, c)| {
                        Some((i, which(&c.trim_matches(['*', '_']).to_lowercase())?))
                    })
                    .collect();
            } else {
                for &(i, w) in &columns {
                    let slot = out.slot(w);
                    if slot.is_none() {
                        *slot = (cells.get(i).and_then(|v| minutes_of(v)))
                            .and_then(|m| i32::try_from(m).ok());
                    }
                }
            }
            continue;
        }
        columns.clear();
        if t.starts_with('#') || !t.contains(':') {
            continue;
        }
        for (_, piece) in pieces(line) {
            let Some((label, value, _)) = label_value(piece) else {
                continue;
            };
            // `Duration: ~4 hours` on a line of its own is the incident's; a table's
            // Duration column is each row's.
            let Some(w) = which(&label).or((label == "duration").then_some(2)) else {
                continue;
            };
            let slot = out.slot(w);
            if slot.is_none() {
                *slot = minutes_of(&value).and_then(|m| i32::try_from(m).ok());
            }
        }
    }
    out
}

impl Stated {
    fn slot(&mut self, which: usize) -> &mut Option<i32> {
        match which {
            0 => &mut self.ttd,
            1 => &mut self.ttm,
            _ => &mut self.ttr,
        }
    }
}

/// Which duration a label states: 0 to detect, 1 to mitigate, 2 to resolve.
fn which(label: &str) -> Option<usize> {
    Some(match label {
        "time to detection" | "time to detect" | "ttd" | "mttd" | "detection time" => 0,
        "time to mitigation" | "time to mitigate" | "ttm" | "mttm" => 1,
        "time to recovery"
        | "time to recover"
        | "time to resolve"
        | "time to resolution"
        | "time to restore"
        | "ttr"
        | "mttr"
        | "total impact duration"
        | "impact duration"
        | "incident duration"
        | "outage duration"
        | "total duration" => 2,
        _ => return None,
    })
}

/// `8 minutes`, `2 h 5 min`, `1.5 hours`, `~30m`, `~24h40m`, `2 days` as whole minutes;
/// `None` for anything else (`?`, `unknown`, `n/a`).
pub fn minutes_of(value: &str) -> Option<i64> {
    let mut total: f64 = 0.0;
    let mut any = false;
    // `\~30 hours`: GitBook escapes the tilde.
    let mut words = value
        .trim_start_matches(['~', '≈', '\\'])
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .peekable();
    'words: while let Some(word) = words.next() {
        let mut rest = word;
        loop {
            let split = rest
                .find(|c: char| !(c.is_ascii_digit() || c == '.'))
                .unwrap_or(rest.len());
            let Ok(n) = rest[..split].parse::<f64>() else {
                break 'words;
            };
            // The unit: the letters after the number (`24h40m`), else the next word.
            let letters = rest[split..]
                .find(|c: char| c.is_ascii_digit())
                .map_or(rest.len(), |i| split + i);
            let unit = match &rest[split..letters] {
                "" => words.next().unwrap_or_default(),
                u => u,
            };
            let per = match unit
                .trim_end_matches(['.', ')', ';'])
                .to_ascii_lowercase()
                .as_str()
            {
                "m" | "min" | "mins" | "minute" | "minutes" => 1.0,
                "h" | "hr" | "hrs" | "hour" | "hours" => 60.0,
                "d" | "day" | "days" => 24.0 * 60.0,
                _ => return None,
            };
            total += n * per;
            any = true;
            rest = &rest[letters..];
            if rest.is_empty() {
                break;
            }
        }
        if words.peek().is_some_and(|w| w.eq_ignore_ascii_case("and")) {
            words.next();
        }
    }
    (any && total.is_finite() && total < 1e9).then(|| total.round() as i64)
}

/// `**Date:** 2019-07-02` -> (`date`, `2019-07-02`, offset of the value in the piece).
pub(crate) fn label_value(piece: &str) -> Option<(String, String, usize)> {
    if let Some(found) = spaced_label(piece) {
        return Some(found);
    }
    let colon = piece.find(':')?;
    // `📅 **Date:**`, as a Slack canvas writes it: what comes before the label's first
    // letter (emphasis, a list dash, an emoji) is no part of it.
    let head = piece[..colon].trim_start_matches(|c: char| !c.is_alphanumeric());
    // `1. **Start time**:`, an item of a numbered list.
    let numbered = head.trim_start_matches(|c: char| c.is_ascii_digit());
    let head = match numbered.strip_prefix(['.', ')']) {
        Some(rest) if numbered.len() < head.len() && rest.starts_with(' ') => rest,
        _ => head,
    };
    let mut label: String = head
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .trim_end_matches(['*', '_', ' ', '-'])
        .to_lowercase();
    // `Incident start (key publicly exposed)`: a long note in brackets after the label says
    // what the time is of; the label is before it.
    if label.chars().count() > 24
        && label.ends_with(')')
        && let Some((before, _)) = label.split_once(" (")
    {
        label = before.trim_end().to_string();
    }
    // `data de l’incident`: an elided article's apostrophe, as the straight one.
    if label.contains('’') {
        label = label.replace('’', "'");
    }
    // At most 24 letters, of any script (`затронутые сервисы`, `الخدمات المتأثرة`, `समय
    // क्षेत्र` with the marks within its words), and the apostrophe of an elided `l'` or `d'`
    // before a word (`data de l'incident`, `hora d'inici`).
    let elided = |i: usize| {
        let word = label[..i].rsplit(' ').next().unwrap_or("");
        matches!(word, "l" | "d") && label[i + 1..].starts_with(char::is_alphabetic)
    };
    if label.is_empty()
        || label.chars().count() > 24
        || !label.char_indices().all(|(i, c)| {
            c.is_alphabetic()
                || crate::format::is_word_mark(c)
                || matches!(c, ' ' | '-' | '/' | '&' | '(' | ')')
                || (c == '\'' && elided(i))
        })
    {
        return None;
    }
    // `severity:: high`, a Dataview (Obsidian) or Logseq inline field: the second colon is
    // the label's too.
    let colon = if piece[colon + 1..].starts_with(':') {
        colon + 1
    } else {
        colon
    };
    let after = &piece[colon + 1..];
    let value_start = colon + 1 + (after.len() - after.trim_start_matches(['*', '_', ' ']).len());
    let value = piece[value_start..]
        .trim_end_matches(['\\', ' '])
        .trim_end_matches("<br>")
        .trim_end_matches("<br/>")
        .trim()
        .trim_matches(['*', '_'])
        .trim();
    // `**Friday, November 29, 2024**. All times ...`: emphasis within is no part of it.
    let value = unescaped(value).replace("**", "");
    Some((label, value, value_start))
}

/// `**Severity**             SEV2`: a bold label and its value apart by a run of spaces, as
/// pandoc writes a two-column table of key facts (a Confluence page's) when it exports
/// Markdown without pipe tables.
fn spaced_label(piece: &str) -> Option<(String, String, usize)> {
    let t = piece.trim_start();
    let inner = t.strip_prefix("**")?;
    let close = inner.find("**")?;
    let label = inner[..close].trim();
    let after = &inner[close + 2..];
    let gap = after.len() - after.trim_start_matches(' ').len();
    if gap < 2
        || label.is_empty()
        || label.len() > 24
        || !(label.chars()).all(|c| c.is_alphabetic() || crate::format::is_word_mark(c) || c == ' ')
    {
        return None;
    }
    let value = after.trim();
    let value_start = piece.len() - after.len() + gap;
    (!value.is_empty()).then(|| (label.to_lowercase(), unescaped(value), value_start))
}

/// Whether `day` is earlier than `published` by at most 90 days: the incident a post
/// published on `published` (a site generator's `date`) may be about.
pub fn before_publication(day: Date, published: Date) -> bool {
    day < published && published.since(day).is_ok_and(|span| span.get_days() <= 90)
}

/// `text` without Markdown's backslash escapes (`2026\-01\-21`, `SEV\-2`, `\#2026`, as
/// Google Docs' Markdown export writes them): a backslash before ASCII punctuation is
/// dropped, as Markdown drops it, for text read from the source rather than through the
/// Markdown parser.
pub fn unescaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match chars.peek() {
            Some(&next) if c == '\\' && next.is_ascii_punctuation() => {
                out.push(next);
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

/// `2022年10月27日` (Japanese and Chinese write a day so; Korean `2024년 12월 5일`): the year,
/// month and day before their characters.
fn kanji_date(text: &str) -> Option<Date> {
    // `2024년 12월 5일`: Korean writes a day so, with its own characters.
    if text.contains('년') {
        return kanji_date(
            &text
                .replace('년', "年")
                .replace('월', "月")
                .replace('일', "日"),
        );
    }
    let (before, rest) = text.split_once('年')?;
    // The digits just before `年`.
    let year = &before[before.trim_end_matches(|c: char| c.is_ascii_digit()).len()..];
    let (month, rest) = rest.trim_start().split_once('月')?;
    let (day, _) = rest.trim_start().split_once('日')?;
    let n = |s: &str| s.trim().parse::<i16>().ok();
    (year.len() == 4)
        .then(|| {
            Date::new(
                n(year)?,
                i8::try_from(n(month)?).ok()?,
                i8::try_from(n(day)?).ok()?,
            )
            .ok()
        })
        .flatten()
}

/// A day in the forms post-mortems write it: `2019-07-02` anywhere in the text,
/// `3 February 2016`, `February 3, 2016`, `Feb 3rd 2016`, `Tuesday, 2 July 2019`.
/// The day of a metadata line's date (see [`loose_date`]) and, when the line gives one, its
/// time of day: `Wednesday 20th September 2023, 14:32 UTC` is 14:32 UTC that day,
/// `Mar 3, 2024 10:14 PM EST` 03:14 UTC the next day (see [`clock_after`]; a time with no
/// zone is read in `zone`); no time, the day alone.
pub fn loose_when(text: &str, zone: &jiff::tz::TimeZone) -> Option<super::When> {
    let day = loose_date(text)?;
    let Some((h, m, after)) = first_clock(text) else {
        return Some(super::When::Day(day));
    };
    let (h, written) = clock_after(h, after);
    // `13:31–14:29 UTC`: a range's zone, written after its end.
    let written = written.or_else(|| range_zone(after));
    let tz = written.unwrap_or_else(|| zone.clone());
    // `02:13:45`: its seconds too, so that it keeps its order with a timeline's times.
    let sec = (seconds_after(after).map(|(s, _)| s))
        .filter(|s| *s < 60)
        .unwrap_or(0);
    let time = jiff::civil::Time::new(h, m, sec, 0).ok()?;
    Some(match tz.to_zoned(day.to_datetime(time)) {
        Ok(z) => super::When::At(z),
        Err(_) => super::When::Day(day),
    })
}

/// The end of a range of clock times, after its start's minutes (`–14:29 UTC` after `13:31`):
/// the text from its clock on.
fn range_end(after: &str) -> Option<&str> {
    let end = after
        .trim_start()
        .strip_prefix(['-', '–', '—'])?
        .trim_start();
    first_clock(end)
        .filter(|(_, _, r)| end.len() - r.len() <= 5)
        .map(|_| end)
}

/// The zone written after a range's end (`UTC` in `13:31–14:29 UTC`), after its start's
/// minutes.
fn range_zone(after: &str) -> Option<jiff::tz::TimeZone> {
    let (h, _, rest) = first_clock(range_end(after)?)?;
    clock_after(h, rest).1
}

/// The seconds after a clock time's minutes (`:45` in `02:13:45`), and the text after them.
fn seconds_after(after: &str) -> Option<(i8, &str)> {
    let s = after.strip_prefix(':')?;
    let digits = s
        .get(..2)
        .filter(|d| d.bytes().all(|b| b.is_ascii_digit()))?;
    Some((digits.parse().ok()?, &s[2..]))
}

/// What the words after a clock time say of it: `PM` or `AM` (`10:14 PM`, `2:14 p.m.`) and a
/// zone (`UTC`, `GMT`, an abbreviation of [`super::time::ZONES`] written in capitals such as
/// `EST` or `CET`, a region's `PT`, or an offset: `UTC+1`, `GMT-05:00`, `+01:00`). Gives the
/// hour on a 24-hour clock and the zone, if one is written.
pub fn clock_after(h: i8, after: &str) -> (i8, Option<jiff::tz::TimeZone>) {
    // Seconds (`09:58:10`).
    let rest = seconds_after(after).map_or(after, |(_, rest)| rest);
    let mut rest = rest.trim_start();
    let mut h = h;
    let lower = rest.to_ascii_lowercase();
    for (word, pm) in [
        ("p.m.", true),
        ("a.m.", false),
        ("p.m", true),
        ("a.m", false),
        ("pm", true),
        ("am", false),
    ] {
        if lower.starts_with(word)
            && !rest[word.len()..].starts_with(|c: char| c.is_alphanumeric())
            && (1..=12).contains(&h)
        {
            h = match (pm, h) {
                (true, 12) => 12,
                (true, h) => h + 12,
                (false, 12) => 0,
                (false, h) => h,
            };
            rest = rest[word.len()..].trim_start();
            break;
        }
    }
    let rest = rest.trim_start_matches(['(', '[']);
    // `14:00 US/Eastern`, `09:12 Europe/Prague`: a zone by its IANA name.
    let named = rest
        .split(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '/' | '_' | '-' | '+')))
        .next()
        .filter(|w| w.contains('/') && w.starts_with(|c: char| c.is_ascii_uppercase()))
        .and_then(|w| jiff::tz::TimeZone::get(w).ok());
    if named.is_some() {
        return (h, named);
    }
    let word: &str = rest
        .split(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("");
    let utc_like = word.eq_ignore_ascii_case("utc") || word.eq_ignore_ascii_case("gmt");
    let after_word = &rest[word.len()..];
    if (utc_like || word.is_empty())
        && let Some(offset) = written_offset(after_word)
    {
        return (h, Some(jiff::tz::TimeZone::fixed(offset)));
    }
    let zone = match word {
        _ if utc_like || word == "Z" => Some(jiff::tz::TimeZone::UTC),
        w if w.len() > 1 && w.chars().all(|c| c.is_ascii_uppercase()) => super::time::zone_of(w),
        _ => None,
    };
    (h, zone)
}

/// The zone a `Timezone:` line names: an IANA name (`America/New_York`), `UTC`, an
/// abbreviation of [`super::time::ZONES`] (`CET`) or an offset (`UTC-5`, `+01:00`, Jira's
/// `(GMT+10:00) Sydney`).
pub fn named_zone(value: &str) -> Option<jiff::tz::TimeZone> {
    let v = value.trim().trim_matches(['`', '*', '_']).trim();
    let zone = |v: &str| {
        if v.contains('/') {
            return super::time::iana_zone(v);
        }
        let offset = ["UTC", "GMT"].iter().find_map(|z| v.strip_prefix(z));
        (super::time::zone_of(v))
            .or_else(|| written_offset(offset.unwrap_or(v)).map(jiff::tz::TimeZone::fixed))
    };
    // `(GMT+10:00) Sydney`, as Jira shows a profile's zone: the city's zone when its standard
    // time is that offset (summer time and all), else the offset.
    if let Some((inner, cities)) = v.strip_prefix('(').and_then(|r| r.split_once(')'))
        && let Some(fixed) = zone(inner.trim())
        && let Ok(offset) = fixed.to_fixed_offset()
    {
        let standard = |tz: &jiff::tz::TimeZone| {
            ["2024-01-15T00:00:00Z", "2024-07-15T00:00:00Z"]
                .iter()
                .any(|t| {
                    let info = tz.to_offset_info(t.parse().expect("a fixed instant"));
                    !info.dst().is_dst() && info.offset() == offset
                })
        };
        let city = (cities.split(',').map(str::trim)).find_map(|c| {
            let name = c.replace(' ', "_");
            let found = (jiff::tz::db().available())
                .find(|n| n.as_str().rsplit('/').next() == Some(name.as_str()))?;
            jiff::tz::TimeZone::get(found.as_str())
                .ok()
                .filter(standard)
        });
        return Some(city.unwrap_or(fixed));
    }
    // The zone alone, or with a note in brackets (`CET (Prague)`): not a sentence.
    let (head, note) = v.split_at(v.find([' ', '(']).unwrap_or(v.len()));
    if note.trim().is_empty() || note.trim_start().starts_with('(') {
        return zone(head);
    }
    // A place's time with its zone in brackets (`heure de Paris (UTC+1)`, `hora de Barcelona
    // (CEST, UTC+2)`): the first zone the brackets name.
    let inner = v.rsplit_once('(')?.1.strip_suffix(')')?;
    inner.split(',').find_map(|p| zone(p.trim()))
}

/// Whether a date line's time of day is written with its zone (`10:14 PM EST`,
/// `2024-03-03T10:14:00+01:00`), or has no time at all to need one.
pub fn says_zone(line: &str) -> bool {
    if super::time::parse_time(line.trim()).is_ok() {
        return true;
    }
    first_clock(line).is_none_or(|(h, _, after)| clock_after(h, after).1.is_some())
}

/// `+1`, `-05:00`, `+0530` at the start of a text: an offset from UTC.
fn written_offset(text: &str) -> Option<jiff::tz::Offset> {
    let sign = match text.chars().next()? {
        '+' => 1,
        '-' | '−' => -1,
        _ => return None,
    };
    let digits = text[text.chars().next()?.len_utf8()..].trim_start();
    let end = digits
        .find(|c: char| !(c.is_ascii_digit() || c == ':'))
        .unwrap_or(digits.len());
    let d = &digits[..end];
    let (hh, mm) = match d.split_once(':') {
        Some((h, m)) => (h, m),
        None if d.len() == 4 => (&d[..2], &d[2..]),
        None => (d, "0"),
    };
    let (hh, mm): (i32, i32) = (hh.parse().ok()?, mm.parse().ok()?);
    if hh > 14 || mm > 59 || d.is_empty() {
        return None;
    }
    jiff::tz::Offset::from_seconds(sign * (hh * 3600 + mm * 60)).ok()
}

/// The labels of a line that names the zone of the times (`Timezone: America/New_York`,
/// `**Horaires :** heure de Paris (UTC+1)`).
const TIMEZONE_LABELS: &[&str] = &[
    "timezone",
    "time zone",
    "tz",
    "zeitzone",
    "fuseau horaire",
    "horaires",
    "zona horaria",
    "אזור זמן",
    "aikavyöhyke",
    "часовий пояс",
    "ζώνη ώρας",
    "tidssone",
    "tidszone",
    "fus orar",
    "időzóna",
    "zona horària",
    "fus horari",
    "časové pásmo",
    "समय क्षेत्र",
    "समय-क्षेत्र",
];

/// The labels of a metadata line that give the incident's start (not only its day).
const START_LABELS: [&str; 41] = [
    "started",
    "date/time",
    "date & time",
    "date and time",
    "incident start",
    "start",
    "start time",
    "started at",
    "impact start",
    "impact started",
    "impact started at",
    "incident began",
    "began",
    "outage start",
    "start of impact",
    "customer impact start",
    "impact start time",
    "inizio",
    "inizio impatto",
    "begin",
    "begin impact",
    "outage begin",
    "outage began",
    "impact begin",
    "beginn der störung",
    "störungsbeginn",
    "inicio del impacto",
    "début de l'incident",
    "début de l'impact",
    "thời điểm xảy ra",
    "waktu kejadian",
    "inici",
    "inici de l'incident",
    "inici de l'impacte",
    "hora d'inici",
    "začiatok",
    "začiatok incidentu",
    "začiatok dopadu",
    "प्रभाव शुरू",
    "शुरुआत",
    "प्रारंभ",
];

/// Whether a word names a zone as one written after a time does (`CET`, `UTC+2`, `PDT`).
fn zone_word(word: &str) -> bool {
    says_zone(&format!("00:00 {word}"))
}

/// Whether a text has a time of day (`H:MM`) anywhere.
pub fn has_clock(text: &str) -> bool {
    first_clock(text).is_some()
}

/// The words for "at" before a time of day (`às 09h40`, `a las 10:15`, `ore 14:05`, `om
/// 14:05`, `um 14:05`, `ora 10:05`; `klo 13.52`, Finnish; `kl. 14.05`, Norwegian, Swedish,
/// Danish): a metadata line's and a timeline's. (English `at` only on a metadata line: a
/// timeline's sentences use it otherwise.)
pub const AT_WORDS: [&str; 12] = [
    "às ", "à ", "a las ", "a la ", "ore ", "alle ", "om ", "um ", "ora ", "klo ", "kl. ", "kl ",
];

/// A metadata line's time of day without the word for "at" before it, its dot a colon
/// (`kl. 15.51`, Danish; `ora 10:05`, Romanian; `klo 13.52`, Finnish): `15:51`, `10:05`.
pub fn bare_clock(value: &str) -> std::borrow::Cow<'_, str> {
    let value = value.trim_start();
    let stripped = (AT_WORDS.iter().chain(&["at "]))
        .find_map(|w| {
            (value.get(..w.len()))
                .filter(|h| h.eq_ignore_ascii_case(w))
                .map(|_| value[w.len()..].trim_start())
        })
        .filter(|rest| rest.starts_with(|c: char| c.is_ascii_digit()));
    let t = stripped.unwrap_or(value);
    let b = t.as_bytes();
    let hours = b.iter().take_while(|c| c.is_ascii_digit()).count();
    // A dotted time after the word for "at", or alone with its zone: not a day (`12.03 kl.
    // 01.30`) nor a version (`4.17 rolled back to 4.16`).
    let dotted = (1..=2).contains(&hours)
        && b.get(hours) == Some(&b'.')
        && b.get(hours + 1..hours + 3)
            .is_some_and(|m| m.iter().all(u8::is_ascii_digit))
        && !b
            .get(hours + 3)
            .is_some_and(|c| c.is_ascii_digit() || *c == b'.')
        && (stripped.is_some() || {
            // Alone, or with a zone or a word for o'clock after it (`15.51 CEST`, `14.32 Uhr`,
            // `14.39 UTC+2`), not words or another number (`1.25 hotfix`, `12.03 kl. 01.30`).
            let rest = t[hours + 3..].trim_start();
            rest.split_whitespace().next().is_none_or(|w| {
                let w = w.trim_matches(['(', ')', ',']);
                ["uhr", "h", "uur", "hrs"].contains(&w.to_lowercase().as_str())
                    || (w.starts_with(|c: char| c.is_uppercase()) && zone_word(w))
            })
        });
    if dotted {
        std::borrow::Cow::Owned(format!("{}:{}", &t[..hours], &t[hours + 1..]))
    } else {
        std::borrow::Cow::Borrowed(t)
    }
}

/// Whether a value opens with a time of day and no day before it (`02:47 BST`, `06:52 BST
/// (billing run halted)`, `2:14 PM`).
pub fn opens_with_clock(value: &str) -> bool {
    let t = value.trim_start();
    t.starts_with(|c: char| c.is_ascii_digit())
        && first_clock(t).is_some_and(|(_, _, after)| t.len() - after.len() <= 5)
}

/// A value that opens with a time of day (see [`opens_with_clock`]) as that time on `day`,
/// in the zone written after it (else `zone`); on the day after when that is earlier than
/// `not_before` (an end at 00:20 after a start at 23:50).
pub fn clock_on(
    value: &str,
    day: Date,
    zone: &jiff::tz::TimeZone,
    not_before: Option<&jiff::Zoned>,
) -> Option<jiff::Zoned> {
    if !opens_with_clock(value) {
        return None;
    }
    let (h, m, after) = first_clock(value.trim_start())?;
    let (h, written) = clock_after(h, after);
    let written = written.or_else(|| range_zone(after));
    let tz = written.unwrap_or_else(|| zone.clone());
    let time = jiff::civil::Time::new(h, m, 0, 0).ok()?;
    let at = tz.to_zoned(day.to_datetime(time)).ok()?;
    match not_before {
        Some(start) if at.timestamp() < start.timestamp() => {
            let next = day.tomorrow().ok()?;
            tz.to_zoned(next.to_datetime(time)).ok()
        }
        _ => Some(at),
    }
}

/// The first `H:MM` or `HH:MM` of a text that is a time of day, and the text after it.
fn first_clock(text: &str) -> Option<(i8, i8, &str)> {
    let b = text.as_bytes();
    (1..b.len()).find_map(|i| {
        if b[i] != b':' {
            return None;
        }
        let start = (i.saturating_sub(2)..i).find(|&j| b[j..i].iter().all(u8::is_ascii_digit))?;
        let before_ok = start == 0 || !b[start - 1].is_ascii_digit();
        let minutes = text.get(i + 1..i + 3)?;
        let after = text.get(i + 3..)?;
        let after_ok = !after.starts_with(|c: char| c.is_ascii_digit());
        let h: i8 = text.get(start..i)?.parse().ok()?;
        let m: i8 = minutes.parse().ok()?;
        (before_ok && after_ok && h < 24 && m < 60 && minutes.bytes().all(|c| c.is_ascii_digit()))
            .then_some((h, m, after))
    })
}

/// The time of day an opening says the incident began (`At 09:30 UTC, the service began
/// returning errors`, `Between 14:00 and 15:15 UTC, ...`), in its first sentence: hours,
/// minutes, and the zone written after it or after the sentence's last time (`between 16:42
/// and 16:51 UTC`), if any.
pub fn stated_start(text: &str, day: Date) -> Option<(i8, i8, Option<jiff::tz::TimeZone>)> {
    // The first sentence, or the second after a courtesy (`We wanted to provide you with some
    // additional information about the service disruption...`), as AWS opens its summaries.
    let mut sentences = text.split(". ");
    let first = sentences.next().unwrap_or(text);
    let courtesy = [
        "we wanted to",
        "we want to",
        "we'd like to",
        "we would like to",
    ]
    .iter()
    .any(|w| first.to_lowercase().starts_with(w));
    let first = match sentences.next() {
        Some(second) if courtesy => second,
        _ => first,
    };
    // `From November 11, 4:02 PM UTC to November 14`: a sentence that names a day says which;
    // only the incident's own day will do.
    let names_a_day = first
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| month_number(w).is_some() || (w.len() == 4 && w.starts_with("20")));
    if names_a_day && loose_date(first) != Some(day) {
        return None;
    }
    let lower = first.to_lowercase();
    let began = [
        "began",
        "started",
        "starting",
        "beginning",
        "between",
        "from ",
    ]
    .iter()
    .any(|w| lower.contains(w));
    if !began {
        return None;
    }
    let (written, m, after) = first_clock(first)?;
    let (mut h, zone) = clock_after(written, after);
    // `From 2:56 to 3:49 PM`: the end's `PM` is the start's too, when the start has none and
    // stays before the end.
    let meridiem = clock_after(12, after).0 == 0 || clock_after(1, after).0 == 13;
    if !meridiem
        && let Some((h2, _, later)) = first_clock(after)
        && let (end, _) = clock_after(h2, later)
        && end == h2 + 12
        && h + 12 <= end
    {
        h += 12;
    }
    // `between 16:42 and 16:51 UTC`: the zone of the range's end is its start's too.
    let zone = zone.or_else(|| {
        let (h2, _, later) = first_clock(after)?;
        clock_after(h2, later).1
    });
    Some((h, m, zone))
}

/// The start of the window an opening says the impact lasted (`Approximately 18% of requests
/// failed between 16:22 and 17:08 UTC.`, `For 1 hour 47 minutes, from 08:14 to 10:01 BST`,
/// `Zwischen 14:05 Uhr und 17:32 Uhr`, `entre las 10:15 h y las 11:02 h`), in any of its
/// sentences: hours, minutes, and the zone written after the start or after the end.
pub fn stated_window(text: &str) -> Option<(i8, i8, Option<jiff::tz::TimeZone>)> {
    const OPENS: &[&str] = &[
        "between", "from", "zwischen", "von", "entre", "de", "desde", "du", "dalle", "tra", "van",
        "medzi",
    ];
    const ARTICLES: &[&str] = &["las", "los", "as", "os", "les", "the", "ore"];
    const JOINS: &[&str] = &[
        "and", "to", "until", "till", "through", "und", "bis", "y", "a", "hasta", "et", "à", "e",
        "às", "alle", "en", "tot", "i",
    ];
    // Words that may stand between the two times besides the join: a zone, a clock's unit,
    // an article.
    let filler = |w: &str| {
        [
            "uhr", "h", "hrs", "am", "pm", "a.m.", "p.m.", "a.m", "p.m", "horas", "heures",
        ]
        .contains(&w.to_lowercase().as_str())
            || ARTICLES.contains(&w.to_lowercase().as_str())
            || (w.len() <= 5 && w.len() > 1 && w.chars().all(|c| c.is_ascii_uppercase()))
    };
    let mut rest = text;
    while let Some((h, m, after)) = first_clock(rest) {
        let end = rest.len() - after.len();
        let before = rest[..end].trim_end_matches(|c: char| c.is_ascii_digit() || c == ':');
        let words: Vec<String> = (before.split(|c: char| c.is_whitespace() || c == '*'))
            .filter(|w| !w.is_empty())
            .rev()
            .take(2)
            .map(str::to_lowercase)
            .collect();
        let opens = match words.as_slice() {
            [w, ..] if OPENS.contains(&w.as_str()) => true,
            [a, w] if ARTICLES.contains(&a.as_str()) && OPENS.contains(&w.as_str()) => true,
            _ => false,
        };
        if opens && let Some((h2, _, later)) = first_clock(after) {
            let between = &after[..after.len() - later.len()]
                .trim_end_matches(|c: char| c.is_ascii_digit() || c == ':');
            let seconds = between
                .strip_prefix(':')
                .filter(|s| s.len() >= 2 && s.as_bytes()[..2].iter().all(u8::is_ascii_digit))
                .map_or(*between, |s| &s[2..]);
            let dash = seconds.contains(['-', '–', '—']);
            let parts: Vec<&str> = (seconds.split(|c: char| {
                c.is_whitespace() || matches!(c, '*' | '-' | '–' | '—' | '(' | ')' | ',')
            }))
            .filter(|w| !w.is_empty())
            .collect();
            let joined = dash
                || parts
                    .iter()
                    .any(|w| JOINS.contains(&w.to_lowercase().as_str()));
            let only_fill =
                (parts.iter()).all(|w| JOINS.contains(&w.to_lowercase().as_str()) || filler(w));
            if seconds.len() <= 30 && joined && only_fill {
                let (mut h1, zone) = clock_after(h, after);
                let (end_h, end_zone) = clock_after(h2, later);
                // `From 2:56 to 3:49 PM`: the end's `PM` is the start's too.
                let meridiem = clock_after(12, after).0 == 0 || clock_after(1, after).0 == 13;
                if !meridiem && end_h == h2 + 12 && h1 + 12 <= end_h {
                    h1 += 12;
                }
                return Some((h1, m, zone.or(end_zone)));
            }
        }
        rest = after;
    }
    None
}

pub fn loose_date(text: &str) -> Option<Date> {
    // `١١ يونيو ٢٠٢٤`: a copy in ASCII digits, as only the day is read from it.
    let text = &*super::time::ascii_digits(text);
    let bytes = text.as_bytes();
    for i in 0..bytes.len().saturating_sub(9) {
        // `2025-01-20`, or `2025/01/20` as Japanese write-ups date. Ten bytes that read as a
        // date start with the year's four digits (a signed year's shortest date, `+002025`
        // then the month and day, is eleven bytes): anything else is not worth a parse, which
        // builds an error for every miss.
        if !bytes[i..i + 4].iter().all(u8::is_ascii_digit) {
            continue;
        }
        let slashed = bytes.get(i + 4) == Some(&b'/') && bytes.get(i + 7) == Some(&b'/');
        if text.is_char_boundary(i)
            && text.is_char_boundary(i + 10)
            && (i == 0 || !bytes[i - 1].is_ascii_digit())
            && let Ok(d) = match slashed {
                true => text[i..i + 10].replace('/', "-").parse::<Date>(),
                false => text[i..i + 10].parse::<Date>(),
            }
            && bytes.get(i + 10).is_none_or(|b| !b.is_ascii_digit())
        {
            return Some(d);
        }
    }
    if let Some(d) = slashed_date(text) {
        return Some(d);
    }
    if let Some(d) = dotted_date(text) {
        return Some(d);
    }
    if let Some(d) = kanji_date(text) {
        return Some(d);
    }
    let mut words: Vec<String> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(|w| {
            // `(all times UTC, May 28, 2024)`: a date in a note's brackets; `12 सित॰ 2024`, a
            // month cut short with Devanagari's sign of it.
            let w = (w.trim_matches(['(', ')', '[', ']'])).trim_end_matches(['.', '॰']);
            // `January 14-19, 2026`: a range of days starts on its first.
            let w = match w.split_once(['-', '–']) {
                Some((a, b))
                    if !a.is_empty()
                        && a.len() <= 2
                        && a.bytes().all(|c| c.is_ascii_digit())
                        && b.bytes().take_while(u8::is_ascii_digit).count() > 0 =>
                {
                    a
                }
                _ => w,
            };
            let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
            if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
                digits.to_string() // 3rd -> 3
            } else {
                w.to_string()
            }
        })
        .collect();
    // `18 de juny de 2024`, `1 d'octubre de 2024`: Catalan's `de` before its month's name and
    // before the year after it say nothing more (Catalan elides it before `abril`, `agost`
    // and `octubre`; Spanish's `3 de mayo de 2024` and `3 de abril de 2024` are not read:
    // words between).
    let catalan = |w: &str| {
        let w = w.to_lowercase();
        (CATALAN_MONTHS.contains(&w.as_str()) && !w.starts_with(['a', 'o']))
            || ((w.starts_with("d'") || w.starts_with("d’")) && month_number(&w).is_some())
    };
    if words.iter().any(|w| w.eq_ignore_ascii_case("de")) {
        let kept: Vec<bool> = (0..words.len())
            .map(|i| {
                let next = words.get(i + 1).map(String::as_str);
                let before_month = next.is_some_and(catalan);
                let before_year = i > 0
                    && catalan(&words[i - 1])
                    && next.is_some_and(|n| n.len() == 4 && n.bytes().all(|b| b.is_ascii_digit()));
                !(words[i].eq_ignore_ascii_case("de") && (before_month || before_year))
            })
            .collect();
        let mut kept = kept.into_iter();
        words.retain(|_| kept.next().unwrap_or(true));
    }
    let month = month_number;
    let num = |w: &str| w.parse::<i16>().ok();
    for win in words.windows(3) {
        let (a, b, c) = (&win[0], &win[1], &win[2]);
        // The year first: most windows have none, and then no month is looked up.
        let Some(y) = num(c) else {
            continue;
        };
        // `2024. március 14.`: Hungarian writes the year first, with its dot, then the
        // month's name and the day.
        if let (Some(year), Some(m)) = (num(a), month(b))
            && (1000..=9999).contains(&year)
            && (1..=31).contains(&y)
            && text.contains(&format!("{year}. "))
            && let Ok(date) = Date::new(year, m, i8::try_from(y).ok()?)
        {
            return Some(date);
        }
        let found = match num(a).zip(month(b)) {
            Some((d, m)) => Some((y, m, d)),
            None => month(a).zip(num(b)).map(|(m, d)| (y, m, d)),
        };
        if let Some((y, m, d)) = found
            && (1000..=9999).contains(&y)
            && let Ok(date) = Date::new(y, m, i8::try_from(d).ok()?)
        {
            return Some(date);
        }
    }
    None
}

/// A day written without its year (`On Tuesday, April 16, ...`, `on 16 April`), as a post
/// published days later names it: in the year of `published`, or the year before when that
/// would come after it.
pub fn day_without_year(text: &str, published: Date) -> Option<Date> {
    let (m, d) = month_and_day(text)?;
    let this_year = Date::new(published.year(), m, d).ok()?;
    if this_year <= published {
        Some(this_year)
    } else {
        Date::new(published.year() - 1, m, d).ok()
    }
}

/// A time on a day named without its year, on a metadata line after the incident's start
/// (`**Resolved:** March 6, 11:15 UTC`, `6 March 11:15`, `03:15 UTC on March 7`): that day in
/// the year of `from` (the next year's when it would come before `from`, as a January 1 after
/// a December 31 does), within 60 days of it, at the line's first time of day, in the zone
/// written after it (else `zone`).
pub fn dated_clock(text: &str, from: Date, zone: &jiff::tz::TimeZone) -> Option<jiff::Zoned> {
    let words = words_at(text);
    // A day with its year is a whole date, read as one elsewhere.
    let year = |w: &str| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit());
    if words.iter().any(|(_, w)| year(w)) {
        return None;
    }
    // The first word that opens with a time of day (looked for in the word alone).
    let c = words.iter().position(|(_, w)| {
        w.starts_with(|c: char| c.is_ascii_digit())
            && first_clock(w).is_some_and(|(_, _, after)| w.len() - after.len() <= 5)
    })?;
    let (p, m, d) = month_day_at(&words)?;
    // The day beside the time: nothing but a zone, `on` or `at` between them (`03:15 UTC on
    // March 7`, `March 7, 03:15`; not `16:40 UTC (fix deployed March 9)`).
    let between = match c {
        c if c < p => &words[c + 1..p],
        c if c > p + 1 => &words[p + 2..c],
        _ => return None,
    };
    // Weekdays, dashes and words of about (`on Thursday, March 7`, `Mar 7 – 03:15`, `March
    // 7, around 03:15`).
    let filler = |w: &str| {
        [
            "on",
            "at",
            "am",
            "pm",
            "around",
            "about",
            "approx",
            "approximately",
            "ca",
            "circa",
            "roughly",
        ]
        .contains(&w.to_lowercase().as_str())
            || is_weekday(w)
            || (w.len() <= 5 && w.chars().all(|c| c.is_ascii_uppercase()))
            || !w.contains(char::is_alphanumeric)
    };
    if !between.iter().all(|(_, w)| filler(w)) {
        return None;
    }
    let mut day = Date::new(from.year(), m, d).ok()?;
    if day < from {
        day = Date::new(from.year() + 1, m, d).ok()?;
    }
    if from.until(day).ok()?.get_days() > 60 {
        return None;
    }
    clock_on(&text[words[c].0..], day, zone, None)
}

/// The month and day of a day written without its year (`April 16`, `16 April`, `Apr 16th`).
fn month_and_day(text: &str) -> Option<(i8, i8)> {
    month_day_at(&words_at(text)).map(|(_, m, d)| (m, d))
}

/// The words of a text (split at spaces and commas), each with where it starts, without the
/// brackets around it or a dot after it (`(March`, `6).`).
fn words_at(text: &str) -> Vec<(usize, &str)> {
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        if c.is_whitespace() || c == ',' {
            if let Some(s) = start.take() {
                let w: &str = &text[s..i];
                let opened = w.trim_start_matches('(');
                let bare = opened.trim_end_matches([')', '.']);
                if !bare.is_empty() {
                    words.push((s + (w.len() - opened.len()), bare));
                }
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    words
}

/// The first month and day side by side among `words` (`April 16`, `16 April`, `Apr 16th`):
/// the month's place, the month and the day.
fn month_day_at(words: &[(usize, &str)]) -> Option<(usize, i8, i8)> {
    // `May` is a month only when capitalised (`may 5` is a verb and a number).
    let month = |x: &str| month_number(x).filter(|_| x.starts_with(char::is_uppercase));
    let day = |w: &str| {
        let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        (!digits.is_empty() && digits.len() <= 2 && digits.bytes().all(|b| b.is_ascii_digit()))
            .then(|| digits.parse::<i8>().ok())
            .flatten()
    };
    (0..words.len().saturating_sub(1)).find_map(|i| {
        let (a, b) = (words[i].1, words[i + 1].1);
        match (month(a), day(b), day(a), month(b)) {
            (Some(m), Some(d), _, _) | (_, _, Some(d), Some(m)) => Some((i, m, d)),
            _ => None,
        }
    })
}

/// Whether a word is a day of the week, in full or cut to three or four letters; in other
/// languages (Ukrainian, Greek, the Nordic ones, Romanian, Hungarian, Finnish, Polish, Czech,
/// Dutch, German, French, Spanish, Portuguese, Italian), in full.
pub fn is_weekday(word: &str) -> bool {
    const OTHER: &[&str] = &[
        "måndag",
        "tisdag",
        "lördag",
        "söndag",
        "maanantai",
        "tiistai",
        "keskiviikko",
        "torstai",
        "perjantai",
        "lauantai",
        "sunnuntai",
        "poniedziałek",
        "wtorek",
        "środa",
        "czwartek",
        "piątek",
        "sobota",
        "niedziela",
        "pondělí",
        "úterý",
        "středa",
        "čtvrtek",
        "pátek",
        "neděle",
        "maandag",
        "dinsdag",
        "woensdag",
        "donderdag",
        "vrijdag",
        "zaterdag",
        "zondag",
        "montag",
        "dienstag",
        "mittwoch",
        "donnerstag",
        "freitag",
        "samstag",
        "sonntag",
        "lundi",
        "mardi",
        "mercredi",
        "jeudi",
        "vendredi",
        "samedi",
        "dimanche",
        "lunes",
        "martes",
        "miércoles",
        "jueves",
        "viernes",
        "sábado",
        "domingo",
        // `segunda-feira`: the word before its hyphen.
        "segunda",
        "terça",
        "quarta",
        "quinta",
        "sexta",
        "lunedì",
        "martedì",
        "mercoledì",
        "giovedì",
        "venerdì",
        "sabato",
        "domenica",
        "понеділок",
        "вівторок",
        "середа",
        "четвер",
        "пʼятниця",
        "п'ятниця",
        "субота",
        "неділя",
        "δευτέρα",
        "τρίτη",
        "τετάρτη",
        "πέμπτη",
        "παρασκευή",
        "σάββατο",
        "κυριακή",
        "mandag",
        "tirsdag",
        "onsdag",
        "torsdag",
        "fredag",
        "lørdag",
        "søndag",
        "luni",
        "marți",
        "marţi",
        "marti",
        "miercuri",
        "joi",
        "vineri",
        "sâmbătă",
        "sambata",
        "duminică",
        "duminica",
        "hétfő",
        "kedd",
        "szerda",
        "csütörtök",
        "péntek",
        "szombat",
        "vasárnap",
        "dilluns",
        "dimarts",
        "dimecres",
        "dijous",
        "divendres",
        "dissabte",
        "diumenge",
        "pondelok",
        "utorok",
        "streda",
        "štvrtok",
        "piatok",
        "nedeľa",
        "सोमवार",
        "मंगलवार",
        "बुधवार",
        "गुरुवार",
        "बृहस्पतिवार",
        "शुक्रवार",
        "शनिवार",
        "रविवार",
    ];
    if OTHER.contains(&word.to_lowercase().as_str()) {
        return true;
    }
    const DAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let w = word.to_ascii_lowercase();
    w.len() >= 3 && DAYS.iter().any(|d| d.starts_with(&w))
}

/// Catalan's months (`juny`, and `d'abril` after its `de` elided: see [`month_number`]).
const CATALAN_MONTHS: [&str; 12] = [
    "gener", "febrer", "març", "abril", "maig", "juny", "juliol", "agost", "setembre", "octubre",
    "novembre", "desembre",
];

/// A month's number from its English name or a start of it of three letters or more (`Sep`,
/// `Sept`, `September`), in any case: the dates of metadata lines and of timelines.
pub fn month_number(word: &str) -> Option<i8> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    // French, German, Spanish, Portuguese, Russian (as a date writes it, `19 ноября 2024`,
    // and alone) and Turkish names, whole (`4 mars 2024`, `21. März 2024`, `18 Mart 2025`).
    const OTHER: [[&str; 12]; 33] = [
        // Catalan (`18 de juny de 2024`, `d'abril`, whose `de` and `d'` are read apart);
        // Slovak, in the genitive as a date writes it (`24. januára 2023`), alone and in the
        // locative (`v marci`); Hindi, with and without the nukta and the nasal's dot
        // (`फ़रवरी`, `फरवरी`; `सितंबर`, `सितम्बर`), `अक्तूबर` beside `अक्टूबर`, and cut short
        // as a timeline writes them (`3 अक्टू.`, `12 सित॰`).
        CATALAN_MONTHS,
        [
            "januára",
            "februára",
            "marca",
            "apríla",
            "mája",
            "júna",
            "júla",
            "augusta",
            "septembra",
            "októbra",
            "novembra",
            "decembra",
        ],
        [
            "január",
            "február",
            "marec",
            "apríl",
            "máj",
            "jún",
            "júl",
            "august",
            "september",
            "október",
            "november",
            "december",
        ],
        [
            "januári",
            "februári",
            "marci",
            "apríli",
            "máji",
            "júni",
            "júli",
            "auguste",
            "septembri",
            "októbri",
            "novembri",
            "decembri",
        ],
        [
            "जनवरी",
            "फ़रवरी",
            "मार्च",
            "अप्रैल",
            "मई",
            "जून",
            "जुलाई",
            "अगस्त",
            "सितंबर",
            "अक्टूबर",
            "नवंबर",
            "दिसंबर",
        ],
        [
            "जनवरी",
            "फरवरी",
            "मार्च",
            "अप्रैल",
            "मई",
            "जून",
            "जुलाई",
            "अगस्त",
            "सितम्बर",
            "अक्तूबर",
            "नवम्बर",
            "दिसम्बर",
        ],
        [
            "जनवरी",
            "फ़र",
            "मार्च",
            "अप्रैल",
            "मई",
            "जून",
            "जुला",
            "अगस्त",
            "सितं",
            "अक्टू",
            "नवं",
            "दिसं",
        ],
        [
            "जनवरी",
            "फ़र",
            "मार्च",
            "अप्रैल",
            "मई",
            "जून",
            "जुल",
            "अगस्त",
            "सित",
            "अक्तू",
            "नवंबर",
            "दिस",
        ],
        // Danish (`5. juni 2024`, `marts`), Romanian (`3 martie 2024`) and Hungarian (`2024. március
        // 14.`, and without its accents).
        [
            "januar",
            "februar",
            "marts",
            "april",
            "maj",
            "juni",
            "juli",
            "august",
            "september",
            "oktober",
            "november",
            "december",
        ],
        [
            "ianuarie",
            "februarie",
            "martie",
            "aprilie",
            "mai",
            "iunie",
            "iulie",
            "august",
            "septembrie",
            "octombrie",
            "noiembrie",
            "decembrie",
        ],
        [
            "január",
            "február",
            "március",
            "április",
            "május",
            "június",
            "július",
            "augusztus",
            "szeptember",
            "október",
            "november",
            "december",
        ],
        [
            "januar",
            "februar",
            "marcius",
            "aprilis",
            "majus",
            "junius",
            "julius",
            "augusztus",
            "szeptember",
            "oktober",
            "november",
            "december",
        ],
        // Ukrainian and Greek, in the genitive as a date writes it (`14 березня 2024`,
        // `22 Μαΐου 2024`) and alone; Norwegian's (`3. april 2024`, `desember`) are German's,
        // French's and Indonesian's words below.
        [
            "січня",
            "лютого",
            "березня",
            "квітня",
            "травня",
            "червня",
            "липня",
            "серпня",
            "вересня",
            "жовтня",
            "листопада",
            "грудня",
        ],
        [
            "січень",
            "лютий",
            "березень",
            "квітень",
            "травень",
            "червень",
            "липень",
            "серпень",
            "вересень",
            "жовтень",
            "листопад",
            "грудень",
        ],
        [
            "ιανουαρίου",
            "φεβρουαρίου",
            "μαρτίου",
            "απριλίου",
            "μαΐου",
            "ιουνίου",
            "ιουλίου",
            "αυγούστου",
            "σεπτεμβρίου",
            "οκτωβρίου",
            "νοεμβρίου",
            "δεκεμβρίου",
        ],
        [
            "ιανουάριος",
            "φεβρουάριος",
            "μάρτιος",
            "απρίλιος",
            "μάιος",
            "ιούνιος",
            "ιούλιος",
            "αύγουστος",
            "σεπτέμβριος",
            "οκτώβριος",
            "νοέμβριος",
            "δεκέμβριος",
        ],
        // Finnish, in the partitive as a date writes it (`5. marraskuuta 2024`) and alone;
        // Hebrew, alone and as a date writes it, after `ב` ("in": `16 ביולי 2024`).
        [
            "tammikuuta",
            "helmikuuta",
            "maaliskuuta",
            "huhtikuuta",
            "toukokuuta",
            "kesäkuuta",
            "heinäkuuta",
            "elokuuta",
            "syyskuuta",
            "lokakuuta",
            "marraskuuta",
            "joulukuuta",
        ],
        [
            "tammikuu",
            "helmikuu",
            "maaliskuu",
            "huhtikuu",
            "toukokuu",
            "kesäkuu",
            "heinäkuu",
            "elokuu",
            "syyskuu",
            "lokakuu",
            "marraskuu",
            "joulukuu",
        ],
        [
            "ינואר",
            "פברואר",
            "מרץ",
            "אפריל",
            "מאי",
            "יוני",
            "יולי",
            "אוגוסט",
            "ספטמבר",
            "אוקטובר",
            "נובמבר",
            "דצמבר",
        ],
        [
            "בינואר",
            "בפברואר",
            "במרץ",
            "באפריל",
            "במאי",
            "ביוני",
            "ביולי",
            "באוגוסט",
            "בספטמבר",
            "באוקטובר",
            "בנובמבר",
            "בדצמבר",
        ],
        // Czech, as a date writes it (`14. března 2024`) and alone; Arabic, as Egypt and the
        // Gulf name the months (`١١ يونيو ٢٠٢٤`).
        [
            "ledna",
            "února",
            "března",
            "dubna",
            "května",
            "června",
            "července",
            "srpna",
            "září",
            "října",
            "listopadu",
            "prosince",
        ],
        [
            "leden",
            "únor",
            "březen",
            "duben",
            "květen",
            "červen",
            "červenec",
            "srpen",
            "září",
            "říjen",
            "listopad",
            "prosinec",
        ],
        [
            "يناير",
            "فبراير",
            "مارس",
            "أبريل",
            "مايو",
            "يونيو",
            "يوليو",
            "أغسطس",
            "سبتمبر",
            "أكتوبر",
            "نوفمبر",
            "ديسمبر",
        ],
        // Polish, as a date writes it (`28 października 2024`); Indonesian, whole and short.
        [
            "stycznia",
            "lutego",
            "marca",
            "kwietnia",
            "maja",
            "czerwca",
            "lipca",
            "sierpnia",
            "września",
            "października",
            "listopada",
            "grudnia",
        ],
        [
            "januari",
            "februari",
            "maret",
            "april",
            "mei",
            "juni",
            "juli",
            "agustus",
            "september",
            "oktober",
            "november",
            "desember",
        ],
        [
            "jan", "feb", "mar", "apr", "mei", "jun", "jul", "agt", "sep", "okt", "nov", "des",
        ],
        [
            "января",
            "февраля",
            "марта",
            "апреля",
            "мая",
            "июня",
            "июля",
            "августа",
            "сентября",
            "октября",
            "ноября",
            "декабря",
        ],
        [
            "январь",
            "февраль",
            "март",
            "апрель",
            "май",
            "июнь",
            "июль",
            "август",
            "сентябрь",
            "октябрь",
            "ноябрь",
            "декабрь",
        ],
        [
            "ocak", "şubat", "mart", "nisan", "mayıs", "haziran", "temmuz", "ağustos", "eylül",
            "ekim", "kasım", "aralık",
        ],
        [
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ],
        [
            "januar",
            "februar",
            "märz",
            "april",
            "mai",
            "juni",
            "juli",
            "august",
            "september",
            "oktober",
            "november",
            "dezember",
        ],
        [
            "enero",
            "febrero",
            "marzo",
            "abril",
            "mayo",
            "junio",
            "julio",
            "agosto",
            "septiembre",
            "octubre",
            "noviembre",
            "diciembre",
        ],
        [
            "janeiro",
            "fevereiro",
            "março",
            "abril",
            "maio",
            "junho",
            "julho",
            "agosto",
            "setembro",
            "outubro",
            "novembro",
            "dezembro",
        ],
    ];
    let w = word.to_lowercase();
    // `d'abril`, `d’octubre`: Catalan's "of", elided before the month's name.
    let w = (w.strip_prefix("d'").or_else(|| w.strip_prefix("d’"))).unwrap_or(&w);
    // Two letters are no month's start (`ma`), but may be a name of its own (Hindi's `मई`).
    let short = w.chars().count() < 3;
    if (short && w.is_ascii()) || w == "des" {
        // `des` is Indonesian's December, and French's "of the".
        return None;
    }
    let n = (MONTHS.iter().position(|m| !short && m.starts_with(w))).or_else(|| {
        OTHER
            .iter()
            .find_map(|names| names.iter().position(|m| *m == w))
    })?;
    i8::try_from(n + 1).ok()
}

/// `21.03.2024` or `1.3.2024`: day, month and year, as German, Dutch, Nordic and Slavic
/// write dates.
fn dotted_date(text: &str) -> Option<Date> {
    let words = || {
        (text.split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')' | '*' | '_' | '|')))
            .filter(|w| !w.is_empty())
    };
    let short = |p: &str| (1..=2).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit());
    let date = |d: &str, m: &str, y: &str| {
        (short(d) && short(m) && y.len() == 4)
            .then(|| Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).ok())
            .flatten()
    };
    // A word without a dot splits into one part: no date.
    let compact = words().filter(|word| word.contains('.')).find_map(|word| {
        let parts: Vec<&str> = word.trim_end_matches('.').split('.').collect();
        let [d, m, y] = parts.as_slice() else {
            return None;
        };
        date(d, m, y)
    });
    // `24. 1. 2023`: a space after each dot, as Slovak and Czech write a date.
    compact.or_else(|| {
        if !text.contains(". ") {
            return None;
        }
        let words: Vec<&str> = words().collect();
        words.windows(3).find_map(|w| {
            date(
                w[0].strip_suffix('.')?,
                w[1].strip_suffix('.')?,
                w[2].trim_end_matches('.'),
            )
        })
    })
}

/// `14/02/2019` (day first) or `02/14/2019` (month first), only when the order is plain from
/// a number over 12; `03/04/2019` could be either, and is not guessed. `14/Sep/21`, as Jira
/// writes a date, names its month.
fn slashed_date(text: &str) -> Option<Date> {
    if !text.contains('/') {
        return None;
    }
    text.split(|c: char| c.is_whitespace() || c == '<' || c == ',')
        .find_map(|word| {
            let parts: Vec<&str> = word.trim_matches(['(', ')', '.']).split('/').collect();
            let [a, b, y] = parts.as_slice() else {
                return None;
            };
            // `14/Sep/21`, `14/Sep/2021`: Jira's dates, the month by its name.
            if let Some(month) = month_number(b) {
                let day: i8 = a.parse().ok()?;
                let year: i16 = match y.len() {
                    2 => 2000 + y.parse::<i16>().ok()?,
                    4 => y.parse().ok()?,
                    _ => return None,
                };
                return Date::new(year, month, day).ok();
            }
            let (a, b, y): (i8, i8, i16) = (a.parse().ok()?, b.parse().ok()?, y.parse().ok()?);
            let (day, month) = match (a > 12, b > 12) {
                (true, false) => (a, b),
                (false, true) => (b, a),
                _ => return None,
            };
            (y >= 1000).then(|| Date::new(y, month, day).ok()).flatten()
        })
}

/// Whether a text writes its slashed dates day first (`26/03/2024`: `Some(true)`) or month
/// first (`03/26/2024`: `Some(false)`), as one of them with a number over 12 shows; `None`
/// when none does, or both orders appear.
pub fn day_first_in(text: &str) -> Option<bool> {
    let (mut day, mut month) = (false, false);
    if !text.contains('/') {
        return None;
    }
    // `<td>31/05/2024</td>`, as a Confluence export's tables write dates: the tags are no
    // part of a date.
    let words =
        text.split(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | ',' | '|' | '(' | ')'));
    for word in words.filter(|w| w.contains('/')) {
        let mut parts = word.trim_matches(['.', '*', '_']).split('/');
        if let (Some(a), Some(b), Some(y), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
            && y.len() == 4
            && let (Ok(a), Ok(b)) = (a.parse::<u8>(), b.parse::<u8>())
        {
            day |= a > 12 && b <= 12;
            month |= b > 12 && a <= 12;
        }
    }
    match (day, month) {
        (true, false) => Some(true),
        (false, true) => Some(false),
        _ => None,
    }
}

/// A slashed date (`12/03/2024`) read in the order a text's other dates show (see
/// [`day_first_in`]): `12/03/2024` is 12 March in a file that also writes `26/03/2024`.
pub fn slashed_date_in_order(value: &str, day_first: bool) -> Option<Date> {
    value
        .split(|c: char| c.is_whitespace() || c == ',')
        .find_map(|word| {
            let parts: Vec<&str> = word
                .trim_matches(['(', ')', '.', '*', '_'])
                .split('/')
                .collect();
            let [a, b, y] = parts.as_slice() else {
                return None;
            };
            let (a, b, y): (i8, i8, i16) = (a.parse().ok()?, b.parse().ok()?, y.parse().ok()?);
            let (day, month) = if day_first { (a, b) } else { (b, a) };
            (y >= 1000).then(|| Date::new(y, month, day).ok()).flatten()
        })
}

/// The day a file name starts with, as Jekyll names posts: `2016-02-03-checkout-redis-oom`.
pub fn name_date(stem: &str) -> Option<Date> {
    let head = stem.get(..10)?;
    let rest = &stem[10..];
    (rest.is_empty() || rest.starts_with(['-', '_', ' ']))
        .then(|| head.parse::<Date>().ok())
        .flatten()
}

/// The date a file name gives, at its start or as a word of it (`PIR - 2024-07-09 - Webhook
/// delays`, `postmortem-ci-runner-queue-2024-08-27`, as a GitHub or Confluence export names
/// the page): the first `YYYY-MM-DD` between separators (`-`, `_`, space, `.`) or the ends.
pub fn date_in_name(stem: &str) -> Option<Date> {
    if let Some(d) = name_date(stem) {
        return Some(d);
    }
    let sep = |b: Option<&u8>| b.is_none_or(|b| matches!(b, b'-' | b'_' | b' ' | b'.'));
    let bytes = stem.as_bytes();
    // `20250120_障害報告書_...`: the day written without dashes, first.
    if let Some(head) = stem.get(..8)
        && head.bytes().all(|b| b.is_ascii_digit())
        && sep(bytes.get(8))
        && (head.starts_with("19") || head.starts_with("20"))
        && let Ok(d) = format!("{}-{}-{}", &head[..4], &head[4..6], &head[6..]).parse::<Date>()
    {
        return Some(d);
    }
    (1..stem.len().saturating_sub(9))
        .find_map(|i| {
            let word = stem.get(i..i + 10)?;
            let shaped = word.bytes().enumerate().all(|(k, b)| {
                if k == 4 || k == 7 {
                    b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            });
            (shaped && sep(bytes.get(i - 1)) && sep(bytes.get(i + 10)))
                .then(|| word.parse::<Date>().ok())
                .flatten()
        })
        .or_else(|| month_named_date(&stem.replace(['-', '_'], " ")))
}

/// A day with its month's name and its year, as a document's title or file name names it
/// (`PIR - UPI callback delays 8 Jul 2024`, `outage march 3 2024`, `Plugin registry outage on
/// June 8, 2021`).
pub fn month_named_date(words: &str) -> Option<Date> {
    let month = (words.split([' ', ','])).any(|w| w.len() >= 3 && month_number(w).is_some());
    month.then(|| loose_date(words)).flatten()
}

/// The date a heading starts with, and the heading after it: `20-10-2025 - Cloud provider
/// outage` (day first with `-` or `.`, unless the second number is over 12), `2024-03-01:
/// Checkout down`, `14/02/2019 Login failures` (`/` only when a number over 12 tells the
/// order). `None` when the heading is the date alone or does not start with one.
pub fn title_date(title: &str) -> Option<(Date, &str)> {
    let t = title.trim_start();
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit()) && !s.is_empty();
    let end = t
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, '-' | '/' | '.')))
        .unwrap_or(t.len());
    let word = t[..end].trim_end_matches(['-', '.']);
    let rest = t[word.len()..]
        .trim_start_matches([' ', '-', '–', '—', ':', '|', '.'])
        .trim();
    if rest.is_empty() {
        return None;
    }
    let date = if let Ok(d) = word.parse::<Date>() {
        d
    } else {
        let sep = word.chars().find(|c| matches!(c, '-' | '/' | '.'))?;
        let parts: Vec<&str> = word.split(sep).collect();
        let [a, b, y] = parts[..] else {
            return None;
        };
        // `2021-5-25 Merlin Attack`: the year first, unpadded.
        if a.len() == 4 && digits(a) && digits(b) && digits(y) && b.len() <= 2 && y.len() <= 2 {
            let date = Date::new(a.parse().ok()?, b.parse().ok()?, y.parse().ok()?).ok()?;
            return Some((date, rest));
        }
        if !(digits(a) && digits(b) && digits(y) && a.len() <= 2 && b.len() <= 2 && y.len() == 4) {
            return None;
        }
        let (a, b, y): (i8, i8, i16) = (a.parse().ok()?, b.parse().ok()?, y.parse().ok()?);
        let day_first = match (a > 12, b > 12) {
            (true, false) => true,
            (false, true) => false,
            (false, false) if sep != '/' => true,
            _ => return None,
        };
        let (d, m) = if day_first { (a, b) } else { (b, a) };
        Date::new(y, m, d).ok()?
    };
    Some((date, rest))
}

/// A title made from a file name: `2021-11-03 duplicate payouts from pw-08` -> `Duplicate
/// payouts from pw-08`; `checkout_redis_oom` -> `Checkout redis oom`.
pub fn name_title(stem: &str) -> String {
    let rest = if name_date(stem).is_some() {
        stem[10..].trim_start_matches(['-', '_', ' '])
    } else {
        // `002-cloudflare-incomplete-migration`: a zero-padded sequence number says nothing
        // of it (`404-errors-on-checkout` keeps its number).
        let digits = stem.bytes().take_while(u8::is_ascii_digit).count();
        match stem.as_bytes().get(digits) {
            Some(b'-' | b'_' | b' ') if (2..=4).contains(&digits) && stem.starts_with('0') => {
                stem[digits..].trim_start_matches(['-', '_', ' '])
            }
            _ => stem,
        }
    };
    if rest.trim().is_empty() {
        return stem.to_string();
    }
    let spaced = if rest.contains(' ') {
        rest.to_string()
    } else {
        rest.replace(['-', '_'], " ")
    };
    match spaced.trim() {
        "" => stem.to_string(),
        t => capitalized(t),
    }
}

/// `text` with a capital first letter (a title made from a file name or from what follows a
/// label, a cause taken from the middle of a sentence).
pub fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_without_its_year_is_in_the_publications() {
        let published = jiff::civil::date(2024, 4, 30);
        let day = |t: &str| day_without_year(t, published);
        assert_eq!(
            day("On Tuesday, April 16, a large share of builds failed."),
            Some(jiff::civil::date(2024, 4, 16))
        );
        assert_eq!(
            day("Last Thursday, 14 March, DNS failed."),
            Some(jiff::civil::date(2024, 3, 14))
        );
        // After the publication: the year before.
        assert_eq!(
            day("On December 30 the queue stalled."),
            Some(jiff::civil::date(2023, 12, 30))
        );
        assert_eq!(day("Builds may 5 times fail."), None);
    }
    use jiff::civil::date;

    #[test]
    fn labels_on_one_line_and_inline_fields_are_read() {
        let m = read(
            "**Date:** 2024-10-02 **Severity:** P2 **Duration:** 38 min **Author:** Sam K.\n\nText.\n",
        );
        let value = |f: &Found| f.as_ref().map(|(v, _)| v.clone());
        assert_eq!(value(&m.date).as_deref(), Some("2024-10-02"));
        assert_eq!(value(&m.severity).as_deref(), Some("P2"));
        assert_eq!(value(&m.authors).as_deref(), Some("Sam K."));
        // Dataview's and Logseq's `key:: value`.
        let m = read("severity:: SEV3\nstarted:: 2024-07-09 08:12\n\nText.\n");
        assert_eq!(value(&m.severity).as_deref(), Some("SEV3"));
        assert_eq!(value(&m.date).as_deref(), Some("2024-07-09 08:12"));
    }

    #[test]
    fn an_opening_says_the_window_the_impact_lasted_in_any_sentence() {
        let at = |t: &str| {
            stated_window(t).map(|(h, m, z)| {
                (
                    h,
                    m,
                    z.and_then(|z| z.to_fixed_offset().ok())
                        .map(|o| o.seconds() / 3600),
                )
            })
        };
        assert_eq!(
            at(
                "On Tuesday the API returned errors. About 18% of requests failed between 16:22 and 17:08 UTC."
            ),
            Some((16, 22, Some(0)))
        );
        assert_eq!(
            at("For **1 hour 47 minutes**, from 08:14 to 10:01 BST, users were logged out."),
            Some((8, 14, Some(1)))
        );
        assert_eq!(
            at("Zwischen 14:05 Uhr und 17:32 Uhr konnten keine Lastschriften eingereicht werden."),
            Some((14, 5, None))
        );
        assert_eq!(
            at("El 5 de marzo, entre las 10:15 h y las 11:02 h, la API no pudo crear reservas."),
            Some((10, 15, None))
        );
        assert_eq!(
            at("checkout was slow between **12:10 and 13:37**."),
            Some((12, 10, None))
        );
        assert_eq!(
            at("From 2:56 to 3:49 PM every upload failed."),
            Some((14, 56, None))
        );
        assert_eq!(
            at("Between 10:12 and 13:47 AEST on 09 Jul"),
            Some((10, 12, Some(10)))
        );
        // Two times that are no window.
        assert_eq!(at("The deploy at 10:05 was rolled back at 11:52."), None);
        assert_eq!(
            at("From 10:05 the queue grew, and at 11:52 we reverted it."),
            None
        );
    }

    #[test]
    fn an_opening_says_when_it_began_on_its_own_day() {
        let day: Date = "2026-02-15".parse().unwrap();
        let at = |t: &str| {
            stated_start(t, day).map(|(h, m, z)| {
                (
                    h,
                    m,
                    z.and_then(|z| z.to_fixed_offset().ok())
                        .map(|o| o.seconds() / 60),
                )
            })
        };
        assert_eq!(
            at("At 09:30 UTC, the inventory-service began returning HTTP 500 errors."),
            Some((9, 30, Some(0)))
        );
        assert_eq!(
            at("Between 2:00 PM and 3:15 PM the API started timing out."),
            Some((14, 0, None))
        );
        // The end's `PM` is the start's, when it stays before the end.
        assert_eq!(
            at("From 2:56 to 3:49 PM every image upload failed."),
            Some((14, 56, None))
        );
        assert_eq!(
            at("From 12:30 to 1:15 PM every image upload failed."),
            Some((12, 30, None))
        );
        assert_eq!(
            at("From 11:50 am to 1:15 PM every image upload failed."),
            Some((11, 50, None))
        );
        assert_eq!(
            at("On 2026-02-15 between 16:42 and 16:51 UTC, lookups failed."),
            Some((16, 42, Some(0)))
        );
        assert_eq!(
            at(
                "We wanted to provide you with some additional information about the disruption. Between 6:41 AM and 10:58 AM UTC on 2026-02-15, requests failed."
            ),
            Some((6, 41, Some(0)))
        );
        assert_eq!(
            at("Starting at 12:05 am EST, checkout failed. It was 1:00 p.m. then."),
            Some((0, 5, Some(-300)))
        );
        assert_eq!(
            at("At 09:30 UTC the alert fired."),
            None,
            "not when it began"
        );
        assert_eq!(
            at("From November 11, 4:02 PM UTC to November 14 the pipeline started lagging."),
            None,
            "another day"
        );
    }

    #[test]
    fn durations_stated_in_the_body() {
        let body = "## Timeline\n\n- 10:00 — x\n\n# Stats\n\n- Category: Kubernetes\n- Time to detection: 54 minutes\n- Time to recovery: 2 h 28 min\n\n```\nTTM: 5 minutes\n```\n";
        assert_eq!(
            stated(body),
            Stated {
                ttd: Some(54),
                ttm: None,
                ttr: Some(148)
            }
        );
        assert_eq!(stated("- Time to detection: ?\n").ttd, None);
        assert_eq!(
            stated("**Total impact duration:** 5 hours 26 minutes (10:45 - 16:11 UTC)\n").ttr,
            Some(326)
        );
        assert_eq!(minutes_of("1h 10m"), Some(70));
        assert_eq!(
            stated("Duration: ~4 hours (single session)\n").ttr,
            Some(240)
        );
        assert_eq!(stated("**Duration:** Outage ~04:51–05:29 EDT\n").ttr, None);
        // A table whose header names a duration: the first row under it.
        let table = "| Customers Impacted | Support Cases Raised | **Incident Duration** |\n| :---: | :---: |:---:|\n|  US/Canada regions | 2 | ~24h40m |\n\nAfter: 3 hours\n";
        assert_eq!(stated(table).ttr, Some(1480));
        assert_eq!(
            stated("| Duration | x |\n|---|---|\n| 5h | y |\n").ttr,
            None
        );
        assert_eq!(
            stated("**MTTR:** 1.5 hours · **TTD:** 0 minutes\n"),
            Stated {
                ttd: Some(0),
                ttm: None,
                ttr: Some(90)
            }
        );
        for (v, m) in [
            ("~30m", Some(30)),
            ("2 days", Some(2880)),
            ("1 hour and 5 minutes", Some(65)),
            ("~24h40m", Some(1480)),
            ("15h", Some(900)),
            ("2h30", None),
            ("unknown", None),
            ("5", None),
            ("", None),
        ] {
            assert_eq!(minutes_of(v), m, "{v}");
        }
    }

    #[test]
    fn metadata_lines_of_the_common_templates() {
        let body = "# Postmortem: edge proxy CPU (incident #465)\n\n**Date:** 2019-07-02\n\n**Authors:** ana, bo  \n**Status:** Final\n\n## Summary\n";
        let m = read(body);
        assert_eq!(m.date.as_ref().map(|d| d.0.as_str()), Some("2019-07-02"));
        let (value, at) = m.date.clone().unwrap();
        assert_eq!(&body[at..at + value.len()], "2019-07-02");
        assert_eq!(m.authors.unwrap().0, "ana, bo");
        assert_eq!(m.status.unwrap().0, "Final");
        let m = read("**Severity:** P1 · **Date:** 2022-09-12 · **Duration:** 3h\n");
        assert_eq!(m.severity.unwrap().0, "P1");
        let (value, at) = m.date.unwrap();
        assert_eq!(value, "2022-09-12");
        assert_eq!(
            &"**Severity:** P1 · **Date:** 2022-09-12 · **Duration:** 3h\n"[at..at + 10],
            "2022-09-12"
        );
        let m = read("Date: 2024-05-07\nSeverity: Major<br>\n```\nDate: 1999-01-01\n```\n");
        assert_eq!(m.date.unwrap().0, "2024-05-07");
        assert_eq!(m.severity.unwrap().0, "Major");
        assert_eq!(
            read("The date: of the thing was long ago, said the team in the long report.\n").date,
            None
        );
    }

    #[test]
    fn a_severity_section_gives_the_severity() {
        let m = read(
            "# 20-10-2025 - Outage\n\n## Severity\n\n**Critical** – Due to an outage, new nodes could not start.\n",
        );
        let (value, at) = m.severity.unwrap();
        assert_eq!(value, "Critical");
        assert_eq!(
            &"# 20-10-2025 - Outage\n\n## Severity\n\n**Critical**"[at..at + 8],
            "Critical"
        );
        let m = read("## Severity & Impact\n\nHigh - Significant degradation, for an hour.\n");
        assert_eq!(m.severity.unwrap().0, "High");
        let m = read("## Severity\n\n**High** - Significant degradation or partial outage.\n");
        assert_eq!(m.severity.unwrap().0, "High");
        let m = read(
            "## Severity\n\nThe incident was rated after a long discussion about what it meant for customers.\n",
        );
        assert_eq!(m.severity, None, "a sentence is not a severity");
    }

    #[test]
    fn slashed_dates_take_the_order_the_file_shows() {
        assert_eq!(
            day_first_in("| 12/03/2024 | x |\n| 26/03/2024 |"),
            Some(true)
        );
        assert_eq!(day_first_in("Due 03/26/2024, then 04/02/2024"), Some(false));
        // A Confluence export's HTML table.
        assert_eq!(
            day_first_in("<tr><td>02/05/2024</td></tr>\n<tr><td>31/05/2024</td></tr>"),
            Some(true)
        );
        assert_eq!(day_first_in("12/03/2024 and 04/02/2024"), None);
        assert_eq!(
            day_first_in("26/03/2024 and 03/26/2024"),
            None,
            "both orders"
        );
        assert_eq!(
            slashed_date_in_order("**12/03/2024**", true),
            Some(date(2024, 3, 12))
        );
        assert_eq!(
            slashed_date_in_order("12/03/2024", false),
            Some(date(2024, 12, 3))
        );
        assert_eq!(slashed_date_in_order("31/02/2024", true), None);
        assert_eq!(loose_date("**Datum:** 21.03.2024"), Some(date(2024, 3, 21)));
        assert_eq!(loose_date("am 1.3.2024 um 14:05"), Some(date(2024, 3, 1)));
        assert_eq!(loose_date("version 1.2.2024"), Some(date(2024, 2, 1)));
        assert_eq!(loose_date("v10.2.3"), None);
        assert_eq!(loose_date("**Date :** 4 mars 2024"), Some(date(2024, 3, 4)));
        assert_eq!(loose_date("am 21. März 2024"), Some(date(2024, 3, 21)));
        assert_eq!(
            loose_date("el 3 de mayo de 2024"),
            None,
            "words between are not read"
        );
    }

    #[test]
    fn a_status_is_the_documents_only_in_its_header() {
        assert_eq!(
            read("**Status:** Draft\n\n## Summary\n").status.unwrap().0,
            "Draft"
        );
        let items =
            "# Ledger\n\n## Action items\n\n1. Add a lock timeout\n   **Status**: In progress\n";
        assert_eq!(read(items).status, None);
        assert_eq!(
            read("# Billing\n\n1. Make it resumable\n   - Status: In progress\n").status,
            None
        );
    }

    #[test]
    fn a_two_column_table_of_fields_is_read_as_metadata_lines() {
        let body = "| Field | Value |\n|---|---|\n| **Severity** | Sev 2 |\n| **Incident date** | 2024-03-05 |\n| Incident end: | 2024-03-05 11:20 UTC |\n| Reported at | 2024-03-05 10:02 |\n";
        let m = read(body);
        let (sev, at) = m.severity.unwrap();
        assert_eq!((sev.as_str(), &body[at..at + 5]), ("Sev 2", "Sev 2"));
        let (date, at) = m.date.unwrap();
        assert_eq!(
            (date.as_str(), &body[at..at + 10]),
            ("2024-03-05", "2024-03-05")
        );
        assert_eq!(m.resolved.unwrap().0, "2024-03-05 11:20 UTC");
        assert_eq!(m.detected.unwrap().0, "2024-03-05 10:02");
        let html = "<table>\n<tr><td><strong>Date of incident</strong></td><td>2020-03-03</td></tr>\n<tr><th>Severity</th><td>SEV2</td></tr>\n</table>\n";
        let m = read(html);
        assert_eq!(m.date.unwrap().0, "2020-03-03");
        assert_eq!(m.severity.unwrap().0, "SEV2");
        // Three columns are a table of something else.
        assert_eq!(read("| Severity | Sev 2 | x |\n").severity, None);
        let m = read(
            "**Incident start:** 2024-03-03T10:14:00+01:00\n**Incident end:** 2024-03-03T11:02:00+01:00\n",
        );
        assert_eq!(m.date.unwrap().0, "2024-03-03T10:14:00+01:00");
        assert_eq!(m.resolved.unwrap().0, "2024-03-03T11:02:00+01:00");
    }

    #[test]
    fn a_date_line_with_a_time_gives_the_time() {
        use super::super::When;
        let pacific = jiff::tz::TimeZone::get("America/Los_Angeles").unwrap();
        let at = |s: &str| match loose_when(s, &pacific) {
            Some(When::At(z)) => z.strftime("%Y-%m-%d %H:%M %:z").to_string(),
            Some(When::Day(d)) => d.to_string(),
            None => "none".into(),
        };
        assert_eq!(
            at("Wednesday 20th September 2023, 14:32 UTC (Block #13263217)"),
            "2023-09-20 14:32 +00:00"
        );
        assert_eq!(at("2024-03-01 at 9:05"), "2024-03-01 09:05 -08:00");
        assert_eq!(at("3 February 2016"), "2016-02-03");
        assert_eq!(at("3 February 2016, ticket 12:345"), "2016-02-03");
        assert_eq!(at("no date here 10:00"), "none");
        // A 12-hour clock and a written zone (Notion, FireHydrant and wiki exports).
        assert_eq!(at("Mar 3, 2024 10:14 PM EST"), "2024-03-03 22:14 -05:00");
        assert_eq!(at("March 3, 2024 2:14 PM"), "2024-03-03 14:14 -08:00");
        assert_eq!(at("March 3, 2024 12:30 am"), "2024-03-03 00:30 -08:00");
        assert_eq!(at("2024-03-03 10:14 (CET)"), "2024-03-03 10:14 +01:00");
        assert_eq!(at("2024-03-03 10:14 UTC+2"), "2024-03-03 10:14 +02:00");
        assert_eq!(
            at("2024-03-03 10:14:30 GMT-05:30"),
            "2024-03-03 10:14 -05:30"
        );
        assert_eq!(at("2024-07-03 10:14 PT"), "2024-07-03 10:14 -07:00");
        assert_eq!(
            at("2024-03-03 10:14 et 11:00"),
            "2024-03-03 10:14 -08:00",
            "a word, not a zone"
        );
        // An email's `Date:` is when it was sent.
        let m = read(
            "From: Tomasz\nTo: eng-all\nDate: Wed, 12 Feb 2014 10:47:03 +0000\nSubject: Write-up\n\nHi all,\n",
        );
        assert!(m.email);
        assert!(!read("**Date:** 2019-07-02\n**Subject:** x\n").email);
    }

    #[test]
    fn a_label_and_its_value_in_bold_within_a_line_are_read() {
        let m = read(
            "## Recap\n\n- Incident INC-2407-031, **Severity: S2**\n- On Monday 8 Jul, callbacks were delayed.\n",
        );
        assert_eq!(m.severity.map(|(v, _)| v).as_deref(), Some("S2"));
        // A time in bold is no label.
        let line =
            "Impact window: **23:16 IST on 9 Feb 2024 to 00:52 IST on 10 Feb 2024** (1 h 36 min).";
        assert_eq!(pieces(line).len(), 1);
    }

    #[test]
    fn a_long_note_in_brackets_after_a_label_is_no_part_of_it() {
        let (label, value, _) =
            label_value("Incident start (key publicly exposed): 11/01/2024 4:52 PM ET").unwrap();
        assert_eq!(
            (label.as_str(), value.as_str()),
            ("incident start", "11/01/2024 4:52 PM ET")
        );
        // A short one stays (`Start time (UTC)`: the zone is the value's, read with it).
        let (label, _, _) = label_value("Start time (UTC): 14:05").unwrap();
        assert_eq!(label, "start time (utc)");
    }

    #[test]
    fn a_label_keeps_the_marks_within_its_words_and_an_elided_article() {
        // `स्थिति` and `क्षेत्र` with their viramas; Catalan's `l'` and `d’` before a word.
        let (label, value, _) = label_value("**समय क्षेत्र:** IST").unwrap();
        assert_eq!((label.as_str(), value.as_str()), ("समय क्षेत्र", "IST"));
        let (label, _, _) = label_value("- **स्थिति:** बंद").unwrap();
        assert_eq!(label, "स्थिति");
        let (label, value, _) = label_value("**Data de l'incident:** 2 de maig de 2024").unwrap();
        assert_eq!(
            (label.as_str(), value.as_str()),
            ("data de l'incident", "2 de maig de 2024")
        );
        let (label, _, _) = label_value("Hora d’inici: 09:12").unwrap();
        assert_eq!(label, "hora d'inici");
        // Not any apostrophe: `Don't` and `Today's` are no labels.
        assert_eq!(label_value("Don't: restart it"), None);
        assert_eq!(label_value("Today's plan: restart it"), None);
    }

    #[test]
    fn a_severity_labelled_past_the_head_still_rates_the_incident() {
        let filler = "Filler line.\n\n".repeat(30);
        let body = format!(
            "# Outage\n\n{filler}```\nSeverity: in code\n```\n\n## Impact\n\n**Severity:** Major (High Impact)\n\n**Priority:** P1\n"
        );
        let (value, at) = read(&body).severity_in(&body).unwrap();
        assert_eq!(value, "Major (High Impact)");
        assert_eq!(&body[at..at + 5], "Major");
        // Past the head only `Severity` counts, not the other labels the head reads.
        let body = format!("# Outage\n\n{filler}\n**Priority:** P1\n");
        assert_eq!(read(&body).severity_in(&body), None);
    }

    #[test]
    fn a_heading_that_starts_with_a_date_gives_the_day_and_the_title() {
        let d = |s: &str| s.parse::<Date>().unwrap();
        for (heading, want) in [
            (
                "20-10-2025 - Cloud provider outage",
                Some(("2025-10-20", "Cloud provider outage")),
            ),
            ("06-11-2023 - Data loss", Some(("2023-11-06", "Data loss"))),
            (
                "2024-03-01: Checkout down",
                Some(("2024-03-01", "Checkout down")),
            ),
            (
                "2021-5-25 Merlin Attack",
                Some(("2021-05-25", "Merlin Attack")),
            ),
            ("2021-13-25 Nothing", None),
            (
                "14/02/2019 Login failures",
                Some(("2019-02-14", "Login failures")),
            ),
            (
                "02/14/2019 – Login failures",
                Some(("2019-02-14", "Login failures")),
            ),
            ("03/04/2019 Login failures", None),
            ("2024-03-01", None),
            ("404 errors on checkout", None),
            ("1.5x latency after deploy", None),
            ("10-15 minute outage", None),
        ] {
            assert_eq!(
                title_date(heading),
                want.map(|(day, rest)| (d(day), rest)),
                "{heading}"
            );
        }
    }

    #[test]
    fn a_table_of_fields_with_one_row_of_values_gives_each_column() {
        let body = "# Pool exhaustion\n\n| Started at | Detected at | Resolved at |\n|---|---|---|\n| Aug 19, 2022 03:47 AM EDT | Aug 19, 2022 03:52 AM EDT | Aug 19, 2022 06:30 AM EDT |\n\n## Timeline\n\n| Time | Event |\n|---|---|\n| 03:30 | Job starts |\n| 03:47 | Pool full |\n";
        let m = read(body);
        let (date, at) = m.date.unwrap();
        assert_eq!(date, "Aug 19, 2022 03:47 AM EDT");
        assert!(body[at..].starts_with("Aug 19, 2022 03:47"));
        assert_eq!(m.resolved.unwrap().0, "Aug 19, 2022 06:30 AM EDT");
        // A table of several rows is no table of fields.
        assert_eq!(
            read(&body.replace("\n\n## Timeline", "\n| a | b | c |\n\n## Timeline")).date,
            None
        );
    }

    #[test]
    fn metadata_lines_of_google_docs_and_slack_canvases() {
        let m = read(
            "📅 **Date:** Thursday, March 5, 2026\n🚦 **Severity:** SEV\\-2\n**Incident date:** 2026\\-01\\-21\n",
        );
        assert_eq!(m.date.unwrap().0, "Thursday, March 5, 2026");
        assert_eq!(m.severity.unwrap().0, "SEV-2");
        assert_eq!(
            unescaped(r"incident \#2026\-014, a \\ b, \\\-"),
            r"incident #2026-014, a \ b, \-"
        );
    }

    #[test]
    fn pandoc_key_fact_tables_bold_labels_apart_by_spaces() {
        let m = read(
            "  ------------------------ ----------------\n  **Incident date**        2024-02-07\n\n  **Severity**             SEV2\n",
        );
        assert_eq!(m.date.unwrap().0, "2024-02-07");
        assert_eq!(m.severity.unwrap().0, "SEV2");
        // One space is prose's, not a table's.
        assert!(read("**Severity** SEV2 was declared\n").severity.is_none());
    }

    #[test]
    fn a_zone_in_the_label_is_the_values() {
        let m = read(
            "1. **Start time UTC**: 2022-05-11 14:22\n1. **End time (UTC)**: 2022-05-11 15:49\n",
        );
        assert_eq!(m.date.unwrap().0, "2022-05-11 14:22 UTC");
        assert_eq!(m.resolved.unwrap().0, "2022-05-11 15:49 UTC");
    }

    #[test]
    fn a_labels_length_is_counted_in_letters_not_bytes() {
        let m = read("**Затронутые сервисы:** payments, ledger\n**الخدمات المتأثرة:** wallet\n");
        assert_eq!(m.services.unwrap().0, "payments, ledger");
        let m = read("**الخدمات المتأثرة:** wallet\n");
        assert_eq!(m.services.unwrap().0, "wallet");
        assert!(
            read("**This label is far too long to be a label:** x\n")
                .services
                .is_none()
        );
    }

    #[test]
    fn a_table_of_milestones_gives_its_times_and_a_header_gives_nothing() {
        let m = read(
            "## Milestones\n\n| Milestone | Timestamp | Time since start |\n| --- | --- | --- |\n| Started | Aug 21, 2024 7:02:00 AM PDT | – |\n| Detected | Aug 21, 2024 7:09:41 AM PDT | 7m 41s |\n| Resolved | Aug 21, 2024 8:35:12 AM PDT | 1h 33m |\n",
        );
        assert_eq!(m.date.unwrap().0, "Aug 21, 2024 7:02:00 AM PDT");
        assert_eq!(m.detected.unwrap().0, "Aug 21, 2024 7:09:41 AM PDT");
        assert_eq!(m.resolved.unwrap().0, "Aug 21, 2024 8:35:12 AM PDT");
        let m = read(
            "Some text.\n\n| Date | Event | Owner |\n|---|---|---|\n| 21/08 | Deploy | Ana |\n| 22/08 | Review | Bo |\n",
        );
        assert!(m.date.is_none(), "{:?}", m.date);
    }

    #[test]
    fn a_lines_time_keeps_its_seconds() {
        let utc = jiff::tz::TimeZone::UTC;
        let at = |t: &str| match loose_when(t, &utc) {
            Some(super::super::When::At(z)) => z.strftime("%H:%M:%S").to_string(),
            other => format!("{other:?}"),
        };
        assert_eq!(at("Mar 5, 2024, 02:13:45 UTC by jkowalski"), "02:13:45");
        assert_eq!(at("Mar 5, 2024, 02:13 UTC"), "02:13:00");
        assert_eq!(at("Mar 5, 2024, 02:13:75 UTC"), "02:13:00");
    }

    #[test]
    fn a_date_in_a_notes_brackets() {
        assert_eq!(
            loose_date("Full timeline (all times UTC, May 28, 2024)"),
            Some(jiff::civil::date(2024, 5, 28))
        );
        assert_eq!(
            loose_date("[28 May 2024]"),
            Some(jiff::civil::date(2024, 5, 28))
        );
    }

    #[test]
    fn an_exposure_window_gives_the_start_in_the_zone_written_at_its_end() {
        let m = read(
            "| | |\n|---|---|\n| **Exposure window** | 2024-02-11 08:00 – 2024-02-12 17:45 CET |\n| **Detected** | 2024-02-12 16:58 CET |\n| **Fixed** | 2024-02-12 17:45 CET |\n",
        );
        assert_eq!(m.date.unwrap().0, "2024-02-11 08:00 CET");
        assert_eq!(m.resolved.unwrap().0, "2024-02-12 17:45 CET");
        // A start row wins over a window's start, before or after it; `Fixed: yes` is no end.
        let m = read(
            "| | |\n|---|---|\n| **Exposure window** | 2023-11-02 10:00 – 2024-02-12 17:45 CET |\n| **Incident start** | 2024-02-12 16:58 CET |\n| **Fixed** | yes |\n",
        );
        assert_eq!(m.date.unwrap().0, "2024-02-12 16:58 CET");
        assert!(m.resolved.is_none());
    }

    #[test]
    fn a_time_of_day_after_the_word_for_at_is_bare() {
        assert_eq!(bare_clock("kl. 15.51"), "15:51");
        assert_eq!(bare_clock("ora 10:05"), "10:05");
        assert_eq!(bare_clock("klo 9.05 (EET)"), "9:05 (EET)");
        assert_eq!(bare_clock("14:02 UTC"), "14:02 UTC");
        // Not a time: a version, a date, a word.
        assert_eq!(bare_clock("1.2.3"), "1.2.3");
        assert_eq!(bare_clock("12.03.2024"), "12.03.2024");
        assert_eq!(bare_clock("at once"), "at once");
        assert_eq!(bare_clock("15.51 CEST"), "15:51 CEST");
        assert_eq!(bare_clock("12.03 kl. 01.30"), "12.03 kl. 01.30");
        assert_eq!(
            bare_clock("4.17 rolled back to 4.16"),
            "4.17 rolled back to 4.16"
        );
        assert_eq!(bare_clock("1.25 hotfix released"), "1.25 hotfix released");
        assert_eq!(bare_clock("14.32 Uhr"), "14:32 Uhr");
        assert_eq!(bare_clock("14.39 UTC+2"), "14:39 UTC+2");
        assert_eq!(
            bare_clock("15.51 CEST (13.51 UTC)"),
            "15:51 CEST (13.51 UTC)"
        );
    }

    #[test]
    fn a_time_on_a_day_named_without_its_year_is_read_after_the_start() {
        let from = Date::new(2024, 3, 5).unwrap();
        let utc = jiff::tz::TimeZone::UTC;
        let at = |t: &str| dated_clock(t, from, &utc).map(|z| z.strftime("%F %R %Z").to_string());
        for t in [
            "03:15 UTC on March 7",
            "March 7, 03:15 UTC",
            "7 March 03:15",
            "03:15 UTC (March 7)",
            "03:15 UTC on Thursday, March 7",
            "Mar 7 – 03:15 UTC",
            "March 7, around 03:15 UTC",
        ] {
            assert_eq!(at(t).as_deref(), Some("2024-03-07 03:15 UTC"), "{t}");
        }
        // A day away from the time is another event's.
        assert_eq!(at("16:40 UTC (fix deployed March 9)"), None);
        // A day before the start is next year's only within 60 days of it.
        assert_eq!(at("March 4, 10:00"), None);
        let new_year = dated_clock("Jan 1 00:20 UTC", Date::new(2024, 12, 31).unwrap(), &utc);
        assert_eq!(
            new_year.map(|z| z.date().to_string()).as_deref(),
            Some("2025-01-01")
        );
        // A whole date is read elsewhere; a day with no time is none.
        assert_eq!(at("March 7, 2025 03:15 UTC"), None);
        assert_eq!(at("March 7"), None);
    }

    #[test]
    fn a_timezone_line_names_the_zone() {
        let m = read("Start time: 11/08/2023 09:41 AM\nTimezone: America/New_York\nSeverity: 2\n");
        assert_eq!(m.timezone.as_ref().unwrap().0, "America/New_York");
        let name = |v: &str| named_zone(v).map(|z| z.to_offset(jiff::Timestamp::UNIX_EPOCH));
        assert_eq!(name("America/New_York"), Some(jiff::tz::offset(-5)));
        assert_eq!(name("CET (Prague)"), Some(jiff::tz::offset(1)));
        assert_eq!(name("UTC+3"), Some(jiff::tz::offset(3)));
        assert_eq!(
            name("+05:30"),
            named_zone("UTC+05:30").map(|z| z.to_offset(jiff::Timestamp::UNIX_EPOCH))
        );
        assert_eq!(name("local"), None);
        assert_eq!(name("PST vs UTC confusion delayed the response"), None);
        // Jira's profile zone; a place's time with its zone in brackets.
        assert_eq!(name("(GMT+10:00) Sydney"), Some(jiff::tz::offset(10)));
        assert_eq!(
            named_zone("(GMT+10:00) Sydney").and_then(|z| z.iana_name().map(str::to_string)),
            Some("Australia/Sydney".into()),
            "its summer time too"
        );
        assert_eq!(
            named_zone("(GMT+10:00) Nowhere").and_then(|z| z.iana_name().map(str::to_string)),
            None
        );
        assert_eq!(name("heure de Paris (UTC+1)"), Some(jiff::tz::offset(1)));
        assert_eq!(
            name("hora de Barcelona (CEST, UTC+2)"),
            Some(jiff::tz::offset(2))
        );
        assert_eq!(name("the (old) clock"), None);
        let m = read("**Date :** 05/03/2024\n**Horaires :** heure de Paris (UTC+1)\n");
        assert_eq!(m.timezone.as_ref().unwrap().0, "heure de Paris (UTC+1)");
        let m = read(
            "Start time: 2024-03-05 10:00\n\n## Contributing factors\n\n- **Time zone:** PST vs UTC confusion\n- **TZ:** CET\n",
        );
        assert!(m.timezone.is_none(), "{:?}", m.timezone);
        assert_eq!(
            clock_after(14, " US/Eastern")
                .1
                .map(|z| z.iana_name().map(str::to_string)),
            Some(Some("US/Eastern".into()))
        );
        assert_eq!(clock_after(9, " and/or later").1, None);
        assert_eq!(name("Mars/Olympus"), None);
    }

    #[test]
    fn kanji_dates() {
        assert_eq!(
            loose_date("2022年10月27日(木) 10:12"),
            Some(jiff::civil::date(2022, 10, 27))
        );
        assert_eq!(
            loose_date("2024년 12월 5일 19:32부터"),
            Some(jiff::civil::date(2024, 12, 5))
        );
        // Russian and Turkish month names, as dates write them.
        assert_eq!(
            loose_date("19 ноября 2024"),
            Some(jiff::civil::date(2024, 11, 19))
        );
        assert_eq!(
            loose_date("18 Mart 2025"),
            Some(jiff::civil::date(2025, 3, 18))
        );
        assert_eq!(loose_date("年月日"), None);
        // Czech, in the genitive as a date writes it and alone; Arabic, in either digits.
        assert_eq!(
            loose_date("3. listopadu 2023 (pátek)"),
            Some(jiff::civil::date(2023, 11, 3))
        );
        assert_eq!(month_number("Září"), Some(9));
        assert_eq!(month_number("červenec"), Some(7));
        assert_eq!(month_number("července"), Some(7));
        assert_eq!(
            loose_date("الأحد ٥ مايو ٢٠٢٤"),
            Some(jiff::civil::date(2024, 5, 5))
        );
        assert_eq!(
            loose_date("5 أكتوبر 2023"),
            Some(jiff::civil::date(2023, 10, 5))
        );
    }

    #[test]
    fn hebrew_and_finnish_months_and_key_facts_are_read() {
        // Finnish, in the partitive as a date writes it and alone; Hebrew, alone and after `ב`.
        assert_eq!(month_number("Marraskuuta"), Some(11));
        assert_eq!(month_number("heinäkuu"), Some(7));
        assert_eq!(month_number("מרץ"), Some(3));
        assert_eq!(month_number("בספטמבר"), Some(9));
        assert_eq!(
            loose_date("torstai 3. lokakuuta 2024"),
            Some(jiff::civil::date(2024, 10, 3))
        );
        assert_eq!(
            loose_date("יום ראשון, 3 במרץ 2024"),
            Some(jiff::civil::date(2024, 3, 3))
        );
        let m = read(
            "| | |\n|---|---|\n| **תאריך האירוע** | 3 במרץ 2024 |\n| **חומרה** | SEV-1 |\n| **כותבים** | יעל |\n",
        );
        assert_eq!(m.date.unwrap().0, "3 במרץ 2024");
        assert_eq!(m.severity.unwrap().0, "SEV-1");
        assert_eq!(m.authors.unwrap().0, "יעל");
        let m =
            read("**Päivämäärä:** 3. lokakuuta 2024\n**Vakavuus:** S1\n**Kirjoittajat:** Eero\n");
        assert_eq!(m.date.unwrap().0, "3. lokakuuta 2024");
        assert_eq!(m.severity.unwrap().0, "S1");
        assert_eq!(m.authors.unwrap().0, "Eero");
    }

    #[test]
    fn ukrainian_greek_and_norwegian_months_and_key_facts_are_read() {
        // Ukrainian and Greek in the genitive as a date writes them, and alone; Norwegian's
        // are other languages' words.
        assert_eq!(month_number("Березня"), Some(3));
        assert_eq!(month_number("листопад"), Some(11));
        assert_eq!(month_number("Μαΐου"), Some(5));
        assert_eq!(month_number("Αύγουστος"), Some(8));
        assert_eq!(month_number("desember"), Some(12));
        assert_eq!(
            loose_date("четвер, 7 листопада 2024"),
            Some(jiff::civil::date(2024, 11, 7))
        );
        assert_eq!(
            loose_date("Τρίτη, 8 Οκτωβρίου 2024"),
            Some(jiff::civil::date(2024, 10, 8))
        );
        assert_eq!(
            loose_date("fredag 6. september 2024"),
            Some(jiff::civil::date(2024, 9, 6))
        );
        let m = read(
            "| | |\n|---|---|\n| **Дата інциденту** | 7 листопада 2024 |\n| **Критичність** | SEV-2 |\n| **Автор** | Оксана |\n| **Часовий пояс** | Europe/Kyiv |\n",
        );
        assert_eq!(m.date.unwrap().0, "7 листопада 2024");
        assert_eq!(m.severity.unwrap().0, "SEV-2");
        assert_eq!(m.authors.unwrap().0, "Оксана");
        assert_eq!(m.timezone.unwrap().0, "Europe/Kyiv");
        let m = read(
            "**Ημερομηνία συμβάντος:** 8 Οκτωβρίου 2024\n**Σοβαρότητα:** Υψηλή\n**Συντάκτης:** Σοφία\n",
        );
        assert_eq!(m.date.unwrap().0, "8 Οκτωβρίου 2024");
        assert_eq!(m.severity.unwrap().0, "Υψηλή");
        assert_eq!(m.authors.unwrap().0, "Σοφία");
        let m = read(
            "**Dato:** 6. september 2024\n**Alvorlighetsgrad:** Høy\n**Forfatter:** Kari\n**Oppdaget:** kl. 09.12\n**Løst:** kl. 10.30\n",
        );
        assert_eq!(m.date.unwrap().0, "6. september 2024");
        assert_eq!(m.severity.unwrap().0, "Høy");
        assert_eq!(m.authors.unwrap().0, "Kari");
        assert_eq!(m.detected.unwrap().0, "kl. 09.12");
        assert_eq!(m.resolved.unwrap().0, "kl. 10.30");
    }

    #[test]
    fn danish_romanian_and_hungarian_months_and_key_facts_are_read() {
        assert_eq!(month_number("marts"), Some(3));
        assert_eq!(month_number("Martie"), Some(3));
        assert_eq!(month_number("noiembrie"), Some(11));
        assert_eq!(month_number("március"), Some(3));
        assert_eq!(month_number("augusztus"), Some(8));
        let m = read("**Dato:** 5. juni 2024\n**Alvorlighed:** P2\n**Forfatter:** Lise\n");
        assert_eq!(m.date.unwrap().0, "5. juni 2024");
        assert_eq!(m.severity.unwrap().0, "P2");
        assert_eq!(m.authors.unwrap().0, "Lise");
        let m =
            read("**Data incidentului:** 3 martie 2024\n**Severitate:** Majoră\n**Autor:** Ana\n");
        assert_eq!(m.date.unwrap().0, "3 martie 2024");
        assert_eq!(m.severity.unwrap().0, "Majoră");
        assert_eq!(m.authors.unwrap().0, "Ana");
        let m = read("**Dátum:** 2024. március 14.\n**Súlyosság:** S1\n**Szerző:** Kiss Anna\n");
        assert_eq!(m.date.unwrap().0, "2024. március 14.");
        assert_eq!(
            loose_date("2024. március 14. (csütörtök)"),
            Some(jiff::civil::date(2024, 3, 14))
        );
        assert_eq!(m.severity.unwrap().0, "S1");
        assert_eq!(m.authors.unwrap().0, "Kiss Anna");
    }

    #[test]
    fn catalan_slovak_and_hindi_months_and_key_facts_are_read() {
        use jiff::civil::date;
        assert_eq!(month_number("juny"), Some(6));
        assert_eq!(month_number("d'octubre"), Some(10));
        assert_eq!(month_number("d’agost"), Some(8));
        assert_eq!(month_number("Júna"), Some(6));
        assert_eq!(month_number("marca"), Some(3));
        assert_eq!(month_number("september"), Some(9));
        assert_eq!(month_number("फ़रवरी"), Some(2));
        assert_eq!(month_number("फरवरी"), Some(2));
        assert_eq!(month_number("सितम्बर"), Some(9));
        assert_eq!(month_number("मई"), Some(5));
        assert_eq!(month_number("अक्टू"), Some(10));
        assert_eq!(month_number("ma"), None);
        // Catalan's `de` and `d'`; Slovak's day and month with a space after each dot.
        assert_eq!(loose_date("el 7 de maig de 2025"), Some(date(2025, 5, 7)));
        assert_eq!(
            loose_date("dimecres 2 d'abril de 2025"),
            Some(date(2025, 4, 2))
        );
        assert_eq!(loose_date("3. 11. 2024"), Some(date(2024, 11, 3)));
        assert_eq!(loose_date("v piatok 8. marca 2024"), Some(date(2024, 3, 8)));
        assert_eq!(loose_date("12 सित॰ 2024"), Some(date(2024, 9, 12)));
        let m = read(
            "**Data de l'incident:** 7 de maig de 2025\n**Gravetat:** Crítica\n**Autora:** Núria Vila\n**Inici de l'impacte:** 09:40\n**Detecció:** 09:52\n**Fi de l'impacte:** 11:05\n",
        );
        assert_eq!(m.date.unwrap().0, "7 de maig de 2025");
        assert_eq!(m.severity.unwrap().0, "Crítica");
        assert_eq!(m.authors.unwrap().0, "Núria Vila");
        assert_eq!(m.start_clock.unwrap().0, "09:40");
        assert_eq!(m.detected.unwrap().0, "09:52");
        assert_eq!(m.resolved.unwrap().0, "11:05");
        let m = read(
            "**Dátum incidentu:** 3. 11. 2024\n**Závažnosť:** Vysoká\n**Autorka:** Jana Kráľová\n**Časové pásmo:** SELČ\n**Začiatok dopadu:** 07:15\n**Zistené:** 07:31\n**Vyriešené:** 08:02\n",
        );
        assert_eq!(m.date.unwrap().0, "3. 11. 2024");
        assert_eq!(m.severity.unwrap().0, "Vysoká");
        assert_eq!(m.authors.unwrap().0, "Jana Kráľová");
        assert_eq!(m.timezone.unwrap().0, "SELČ");
        assert_eq!(m.start_clock.unwrap().0, "07:15");
        assert_eq!(m.detected.unwrap().0, "07:31");
        assert_eq!(m.resolved.unwrap().0, "08:02");
        let m = read(
            "**दिनांक:** 12 फरवरी 2025\n**गंभीरता:** उच्च\n**लेखक:** नेहा गुप्ता\n**समय क्षेत्र:** IST\n**प्रभाव शुरू:** 10:05\n**पता चला:** 10:20\n**समाधान:** 11:45\n",
        );
        assert_eq!(m.date.as_ref().unwrap().0, "12 फरवरी 2025");
        assert_eq!(loose_date(&m.date.unwrap().0), Some(date(2025, 2, 12)));
        assert_eq!(m.severity.unwrap().0, "उच्च");
        assert_eq!(m.authors.unwrap().0, "नेहा गुप्ता");
        assert_eq!(m.timezone.unwrap().0, "IST");
        assert_eq!(m.start_clock.unwrap().0, "10:05");
        assert_eq!(m.detected.unwrap().0, "10:20");
        assert_eq!(m.resolved.unwrap().0, "11:45");
    }

    #[test]
    fn czech_and_arabic_key_facts_are_read() {
        let m = read(
            "| | |\n|---|---|\n| **Datum incidentu** | 2. února 2024 |\n| **Závažnost** | SEV-3 |\n| **Autoři** | Eva |\n",
        );
        assert_eq!(m.date.unwrap().0, "2. února 2024");
        assert_eq!(m.severity.unwrap().0, "SEV-3");
        assert_eq!(m.authors.unwrap().0, "Eva");
        let m = read(
            "| البند | القيمة |\n|---|---|\n| **التاريخ** | ٥ مايو ٢٠٢٤ |\n| **درجة الخطورة** | P2 |\n",
        );
        assert_eq!(m.date.unwrap().0, "٥ مايو ٢٠٢٤");
        assert_eq!(m.severity.unwrap().0, "P2");
    }

    #[test]
    fn loose_dates() {
        assert_eq!(
            loose_date("2019-07-02 (all times UTC)"),
            Some(date(2019, 7, 2))
        );
        assert_eq!(loose_date("On 3 February 2016"), Some(date(2016, 2, 3)));
        assert_eq!(
            loose_date("Tuesday, July 2nd, 2019"),
            Some(date(2019, 7, 2))
        );
        assert_eq!(loose_date("Feb 29 2024"), Some(date(2024, 2, 29)));
        assert_eq!(
            loose_date("January 14-19, 2026"),
            Some(date(2026, 1, 14)),
            "a range of days starts on its first"
        );
        assert_eq!(loose_date("14–19 January 2026"), Some(date(2026, 1, 14)));
        assert_eq!(loose_date("sometime last year"), None);
        assert_eq!(loose_date("14/02/2019<br>"), Some(date(2019, 2, 14)));
        assert_eq!(loose_date("02/14/2019"), Some(date(2019, 2, 14)));
        assert_eq!(loose_date("03/04/2019"), None, "either order: not guessed");
        assert_eq!(loose_date("12019-07-02"), None);
        // Jira's dates name the month.
        assert_eq!(loose_date("14/Sep/21 3:12 PM"), Some(date(2021, 9, 14)));
        assert_eq!(loose_date("(02/Mar/2024)"), Some(date(2024, 3, 2)));
        assert_eq!(loose_date("31/Feb/21"), None);
        // A title's day, when it names its month and year.
        assert_eq!(
            month_named_date("Incident report: plugin registry outage on June 8, 2021"),
            Some(date(2021, 6, 8))
        );
        assert_eq!(month_named_date("May cause: 2 of 3 replicas"), None);
    }

    #[test]
    fn an_impact_window_under_a_date_line_gives_the_start_and_the_end() {
        let m = read(
            "**Incident date:** Thursday, April 17, 2025\n\n## Facts\n\n- **Impact window:** 10:05 – 12:20 EDT.\n",
        );
        let value = |f: &Found| f.as_ref().map(|(v, _)| v.clone());
        assert_eq!(value(&m.date).as_deref(), Some("Thursday, April 17, 2025"));
        assert_eq!(value(&m.start_clock).as_deref(), Some("10:05 – 12:20 EDT."));
        assert_eq!(value(&m.resolved).as_deref(), Some("12:20 EDT."));
        // A line that says when it was resolved, wherever it stands, over the window's end.
        let m = read(
            "**Date:** 2024-03-05\n\n- **Impact window:** 10:05 – 10:50 UTC (partial)\n- **Resolved:** 12:30 UTC\n",
        );
        assert_eq!(value(&m.resolved).as_deref(), Some("12:30 UTC"));
        let eastern = jiff::tz::TimeZone::get("America/New_York").unwrap();
        let at = clock_on(
            "10:05 – 12:20 EDT.",
            date(2025, 4, 17),
            &jiff::tz::TimeZone::UTC,
            None,
        );
        assert_eq!(
            at.map(|z| z.timestamp()),
            eastern
                .to_zoned(date(2025, 4, 17).at(10, 5, 0, 0))
                .ok()
                .map(|z| z.timestamp()),
            "the range's zone, written after its end"
        );
    }

    #[test]
    fn file_names() {
        assert_eq!(
            name_date("2016-02-03-checkout-redis-oom"),
            Some(date(2016, 2, 3))
        );
        assert_eq!(name_date("2016-02-035"), None);
        assert_eq!(
            date_in_name("postmortem-ci-runner-queue-2024-08-27"),
            Some(date(2024, 8, 27))
        );
        assert_eq!(
            date_in_name("PIR - 2024-07-09 - Webhook delivery delays"),
            Some(date(2024, 7, 9))
        );
        assert_eq!(date_in_name("INC-2024-0709"), None);
        assert_eq!(
            date_in_name("20250120_障害報告書_決済完了通知遅延"),
            Some(date(2025, 1, 20))
        );
        assert_eq!(date_in_name("20251340_x"), None);
        assert_eq!(date_in_name("123456789"), None);
        assert_eq!(date_in_name("build-12024-07-09"), None);
        assert_eq!(date_in_name("x-2024-13-09"), None);
        // A day with its month's name and its year, as a document's title names it.
        assert_eq!(
            date_in_name("PIR - UPI callback delays 8 Jul 2024"),
            Some(date(2024, 7, 8))
        );
        assert_eq!(date_in_name("outage-march-3-2024"), Some(date(2024, 3, 3)));
        assert_eq!(date_in_name("march-madness-load-test"), None);
        assert_eq!(
            name_title("2021-11-03 duplicate payouts from pw-08"),
            "Duplicate payouts from pw-08"
        );
        assert_eq!(name_title("checkout_redis_oom"), "Checkout redis oom");
        assert_eq!(name_title("2016-02-03"), "2016-02-03");
        assert_eq!(
            name_title("002-cloudflare-incomplete-migration"),
            "Cloudflare incomplete migration"
        );
        assert_eq!(
            name_title("404-errors-on-checkout"),
            "404 errors on checkout"
        );
        assert_eq!(name_title("12345-x"), "12345 x");
    }
}
