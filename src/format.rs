//! The vocabulary of the content format (`shared/design/content-format.md`): ids, statuses,
//! action-item kinds, the body sections the tool recognises and the Markdown options bodies are
//! read with; and the one way durations and quarters are counted and written. Shared by every
//! stage.

use serde::Serialize;

/// The longest id: ids name files and folders of the site, and file systems refuse names of
/// more than 255 bytes.
pub const MAX_ID_LEN: usize = 100;

/// `[a-z0-9][a-z0-9-]*`, at most [`MAX_ID_LEN`] characters: the shape of every id
/// (incidents, causes, categories, services...).
pub fn is_valid_id(id: &str) -> bool {
    id_problem(id).is_none()
}

/// Why `id` is not a valid id; `None` when it is one.
pub fn id_problem(id: &str) -> Option<String> {
    let mut bytes = id.bytes();
    let shaped = matches!(bytes.next(), Some(b'a'..=b'z' | b'0'..=b'9'))
        && bytes.all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'-'));
    if !shaped {
        Some("ids are lowercase letters, digits and `-`, starting with a letter or digit".into())
    } else if id.len() > MAX_ID_LEN {
        Some(format!(
            "it is {} characters long; ids are at most {MAX_ID_LEN}",
            id.len()
        ))
    } else {
        None
    }
}

/// A value as a message shows it: at most 60 characters, then `…`.
pub fn shorten(s: &str) -> String {
    match s.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// A URL-safe slug for a free-form name (tags, services, headings), at most [`MAX_ID_LEN`]
/// characters.
pub fn slugify(s: &str) -> String {
    if is_valid_id(s) {
        return s.to_string();
    }
    if is_valid_id(&s.to_ascii_lowercase()) {
        return s.to_ascii_lowercase();
    }
    let mut slug = slug::slugify(s);
    if slug.len() > MAX_ID_LEN {
        // slug's output is ASCII: any byte is a boundary.
        slug.truncate(MAX_ID_LEN);
        slug.truncate(slug.trim_end_matches('-').len());
    }
    if slug.is_empty() { "-".into() } else { slug }
}

/// Who a post-mortem is for: `internal` (the KB's own site only) or `public` (also the
/// customer-facing site `build --public` writes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Visibility {
    #[default]
    Internal,
    Public,
}

impl Visibility {
    pub const ALL: &[&str] = &["internal", "public"];

    pub fn parse(s: &str) -> Option<Visibility> {
        match s.trim().to_ascii_lowercase().as_str() {
            "internal" | "private" => Some(Visibility::Internal),
            "public" => Some(Visibility::Public),
            _ => None,
        }
    }
}

/// The publication status of a post-mortem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Draft,
    Review,
    #[default]
    Published,
}

impl Status {
    pub const ALL: &[&str] = &["draft", "review", "published"];

    pub fn parse(s: &str) -> Option<Status> {
        Some(match s {
            "draft" => Status::Draft,
            "review" => Status::Review,
            "published" => Status::Published,
            _ => return None,
        })
    }

    /// A status as other templates and tools write it (`Final`, `In review`, `WIP`), matched
    /// ignoring case: `None` when it names none of the three.
    pub fn parse_loose(s: &str) -> Option<Status> {
        let lower = s.trim().to_ascii_lowercase().replace(['_', '-'], " ");
        Status::parse(&lower).or(match lower.as_str() {
            "final" | "complete" | "completed" | "closed" | "done" | "approved" | "reviewed"
            | "finished" | "public" => Some(Status::Published),
            // An incident tracker's state of the incident: its write-up is out.
            "resolved" | "mitigated" | "fixed" => Some(Status::Published),
            // `In progress` in an incident tool's header table is as often the incident's or
            // its review's state as the write-up's: the write-up is published with the review
            // badge rather than left out of the site.
            "in review" | "under review" | "pending review" | "ready for review" | "reviewing"
            | "in progress" | "ongoing" => Some(Status::Review),
            "wip" | "work in progress" | "todo" | "to do" | "unfinished" | "incomplete"
            | "not started" => Some(Status::Draft),
            _ => None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Review => "review",
            Status::Published => "published",
        }
    }
}

/// What an action item does about a cause.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, PartialOrd, Ord, Hash)]
#[serde(rename_all = "lowercase")]
pub enum ActionKind {
    Prevent,
    Detect,
    Mitigate,
    Process,
}

impl ActionKind {
    pub const ALL: &[&str] = &["prevent", "detect", "mitigate", "process"];

    pub fn parse(s: &str) -> Option<ActionKind> {
        Some(match s {
            "prevent" => ActionKind::Prevent,
            "detect" => ActionKind::Detect,
            "mitigate" => ActionKind::Mitigate,
            "process" => ActionKind::Process,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ActionKind::Prevent => "prevent",
            ActionKind::Detect => "detect",
            ActionKind::Mitigate => "mitigate",
            ActionKind::Process => "process",
        }
    }
}

/// Where an action item stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, PartialOrd, Ord, Hash, Default)]
#[serde(rename_all = "kebab-case")]
pub enum ActionStatus {
    #[default]
    Open,
    InProgress,
    Done,
    WontDo,
}

impl ActionStatus {
    pub const ALL: &[&str] = &["open", "in-progress", "done", "wont-do"];

    pub fn parse(s: &str) -> Option<ActionStatus> {
        Some(match s {
            "open" => ActionStatus::Open,
            "in-progress" => ActionStatus::InProgress,
            "done" => ActionStatus::Done,
            "wont-do" => ActionStatus::WontDo,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ActionStatus::Open => "open",
            ActionStatus::InProgress => "in-progress",
            ActionStatus::Done => "done",
            ActionStatus::WontDo => "wont-do",
        }
    }
}

/// A level-2 section of a post-mortem body that the tool understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SectionKind {
    Summary,
    Impact,
    Timeline,
    FiveWhys,
    WentWell,
    WentWrong,
    Lucky,
    Lessons,
    /// Action items, when the front matter has none (see `load::sections`).
    ActionItems,
    /// Root causes, when the front matter has no `causes`.
    RootCauses,
    /// Triggers and contributing factors: causes that are not root causes.
    ContributingFactors,
}

impl SectionKind {
    pub const ALL: [SectionKind; 11] = [
        SectionKind::Summary,
        SectionKind::Impact,
        SectionKind::Timeline,
        SectionKind::FiveWhys,
        SectionKind::WentWell,
        SectionKind::WentWrong,
        SectionKind::Lucky,
        SectionKind::Lessons,
        SectionKind::ActionItems,
        SectionKind::RootCauses,
        SectionKind::ContributingFactors,
    ];

    /// The key of the section in `[sections]` of hindsight.toml.
    pub fn key(self) -> &'static str {
        match self {
            SectionKind::Summary => "summary",
            SectionKind::Impact => "impact",
            SectionKind::Timeline => "timeline",
            SectionKind::FiveWhys => "five_whys",
            SectionKind::WentWell => "what_went_well",
            SectionKind::WentWrong => "what_went_wrong",
            SectionKind::Lucky => "where_we_got_lucky",
            SectionKind::Lessons => "lessons_learned",
            SectionKind::ActionItems => "action_items",
            SectionKind::RootCauses => "root_causes",
            SectionKind::ContributingFactors => "contributing_factors",
        }
    }

    pub fn from_key(key: &str) -> Option<SectionKind> {
        Self::ALL.into_iter().find(|k| k.key() == key)
    }

    /// The headings accepted for the section by default (matched case-insensitively).
    pub fn default_headings(self) -> &'static [&'static str] {
        // Long on purpose: a table of data, the headings each section is known by.
        match self {
            SectionKind::Summary => &[
                // Russian, Korean, Turkish.
                "Краткое описание",
                "Описание",
                "Резюме",
                "개요",
                "요약",
                "Özet",
                "Summary",
                "TL;DR",
                "Issue summary",
                "Incident summary",
                "Executive summary",
                "Overview",
                // French, German, Spanish, Portuguese, Japanese.
                "Résumé",
                "Synthèse",
                "Zusammenfassung",
                "Überblick",
                "Resumen",
                "Resumo",
                "Sumário",
                "概要",
                "サマリー",
                "Sommario",
                "Sammanfattning",
                "Podsumowanie",
                "Riepilogo",
                "Sintesi",
                "Samenvatting",
                "Overzicht",
                "故障概述",
                "概述",
                "事故概述",
                "Tóm tắt",
                "Tóm tắt sự cố",
                "Ringkasan",
                "Ringkasan insiden",
                // Czech, Arabic.
                "Shrnutí",
                "Souhrn",
                "Shrnutí incidentu",
                "الملخص",
                "ملخص",
                "ملخص الحادثة",
                // Hebrew, Finnish.
                "תקציר",
                "סיכום",
                "תקציר מנהלים",
                "תקציר האירוע",
                "Yhteenveto",
                "Tiivistelmä",
                // Ukrainian, Greek, Norwegian.
                "Короткий опис",
                "Стислий опис",
                "Підсумок",
                "Опис інциденту",
                "Σύνοψη",
                "Περίληψη",
                "Σύνοψη συμβάντος",
                "Σύνοψη περιστατικού",
                "Sammendrag",
                "Oppsummering",
                "Sammendrag av hendelsen",
                // Danish, Romanian, Hungarian.
                "Resumé",
                "Sammenfatning",
                "Opsummering",
                "Rezumat",
                "Sumar",
                "Rezumatul incidentului",
                "Összefoglaló",
                "Összefoglalás",
                "Vezetői összefoglaló",
                // Catalan, Slovak, Hindi.
                "Resum",
                "Resum executiu",
                "Resum de l'incident",
                "Zhrnutie",
                "Súhrn",
                "Zhrnutie incidentu",
                "Manažérske zhrnutie",
                "सारांश",
                "संक्षिप्त विवरण",
                "कार्यकारी सारांश",
                "घटना सारांश",
                "घटना का सारांश",
                "अवलोकन",
            ],
            SectionKind::Impact => &[
                // Russian, Korean, Turkish.
                "Влияние",
                "Последствия",
                "영향",
                "Etki",
                "Impact",
                "Customer impact",
                "User impact",
                "Business impact",
                "Who was affected",
                "Incident impact",
                "Impact on users",
                "Impact on customers",
                "Severity and impact",
                "Severity & impact",
                "Fallout",
                // French, German, Spanish, Portuguese, Japanese.
                "Impact client",
                "Auswirkungen",
                "Auswirkung",
                "Impacto",
                "影響",
                "影響範囲",
                "Impatto",
                "Impatto sui clienti",
                "影响",
                "影响范围",
                "Wpływ",
                "Wpływ na klientów",
                "Ảnh hưởng",
                "Dampak",
                "Dopad",
                "Dopad na zákazníky",
                "الأثر",
                "التأثير",
                "השפעה",
                "השפעה על לקוחות",
                "היקף ההשפעה",
                "Vaikutukset",
                "Vaikutus",
                "Vaikutus asiakkaisiin",
                "Вплив",
                "Наслідки",
                "Вплив на клієнтів",
                "Вплив на користувачів",
                "Αντίκτυπος",
                "Επίπτωση",
                "Επιπτώσεις",
                "Αντίκτυπος στους πελάτες",
                "Konsekvenser",
                "Påvirkning",
                "Kundepåvirkning",
                "Innvirkning",
                "Konsekvens",
                "Impactul",
                "Impact asupra clienților",
                "Hatás",
                "Hatások",
                "Ügyfélhatás",
                "Impacte",
                "Impacte als clients",
                "Impacte per als clients",
                "Afectació",
                "Dopady",
                "Dopad na zákazníkov",
                "Dopad na používateľov",
                "प्रभाव",
                "असर",
                "ग्राहकों पर प्रभाव",
                "उपयोगकर्ताओं पर प्रभाव",
            ],
            SectionKind::Timeline => &[
                // Russian, Korean, Turkish.
                "Хронология",
                "Хронология событий",
                "타임라인",
                "경과",
                "Zaman çizelgesi",
                "Olay akışı",
                "Timeline",
                "Incident timeline",
                "Timeline of events",
                "Detailed timeline",
                "Full timeline",
                "Complete timeline",
                "Timeline highlights",
                // An on-call tool's export: its alerts, pages and acknowledgements in order.
                "Alert timeline",
                "Incident log",
                "Establishing the timeline",
                "Sequence of events",
                "Chronology",
                "Key moments",
                "How did we respond",
                "Key events",
                "Tidslinje",
                "Händelseförlopp",
                "Oś czasu",
                "Przebieg zdarzeń",
                // French, German, Spanish, Portuguese, Japanese.
                "Chronologie",
                "Déroulé",
                "Zeitleiste",
                "Zeitlicher Ablauf",
                "Zeitverlauf",
                "Ablauf",
                "Cronología",
                "Línea de tiempo",
                "Cronologia",
                "Linha do tempo",
                "タイムライン",
                "時系列",
                "経緯",
                "Tijdlijn",
                "Tijdsverloop",
                "Verloop",
                "时间线",
                "故障时间线",
                "事件时间线",
                "时间轴",
                "处理过程",
                "Dòng thời gian",
                "Diễn biến",
                "Kronologi",
                "Linimasa",
                "Časová osa",
                "Průběh incidentu",
                "الجدول الزمني",
                "التسلسل الزمني",
                "ציר זמן",
                "ציר הזמן",
                "השתלשלות האירועים",
                "Aikajana",
                "Tapahtumien kulku",
                "Хронологія",
                "Хронологія подій",
                "Перебіг подій",
                "Часова шкала",
                "Χρονολόγιο",
                "Χρονοδιάγραμμα",
                "Χρονολόγιο συμβάντος",
                "Εξέλιξη του συμβάντος",
                "Hendelsesforløp",
                "Tidsforløp",
                "Hændelsesforløb",
                "Tidsforløb",
                "Forløb",
                "Cronologie",
                "Cronologia evenimentelor",
                "Desfășurarea evenimentelor",
                "Idővonal",
                "Események időrendje",
                "Eseménynapló",
                "Cronologia dels fets",
                "Línia de temps",
                "Línia temporal",
                "Časová os",
                "Chronológia",
                "Priebeh incidentu",
                "Priebeh udalostí",
                "Časový priebeh",
                "समय-रेखा",
                "समयरेखा",
                "समय रेखा",
                "घटनाक्रम",
                "घटनाओं का क्रम",
                "Work notes",
            ],
            SectionKind::FiveWhys => &[
                "Five whys",
                "5 Whys",
                // French, German, Spanish, Portuguese, Japanese.
                "Cinq pourquoi",
                "5 pourquoi",
                "Fünf Warum",
                "5 Warum",
                "Cinco porqués",
                "Cinco porquês",
                "なぜなぜ分析",
            ],
            SectionKind::WentWell => &[
                // Terse notes' `good:` and `not great:`.
                "Good",
                // Russian, Korean, Turkish.
                "Что получилось хорошо",
                "Что прошло хорошо",
                "잘된 점",
                "İyi gidenler",
                "What went well",
                "What went right",
                "Things that went well",
                "What worked",
                "What worked well",
                // French, German, Spanish, Portuguese, Japanese.
                "Ce qui a bien fonctionné",
                "Ce qui s'est bien passé",
                "Was gut lief",
                "Was lief gut",
                "Lo que salió bien",
                "Qué salió bien",
                "O que correu bem",
                "O que deu certo",
                "良かった点",
                "Cosa ha funzionato",
                "Cosa è andato bene",
                "Wat ging goed",
                "做得好的",
                "做得好",
                "Co poszło dobrze",
                "Những điều làm tốt",
                "Làm tốt",
                "Yang berjalan baik",
                "Co se povedlo",
                "Co fungovalo",
                "ما سار بشكل جيد",
                "ما نجح",
                "מה עבד טוב",
                "מה הלך טוב",
                "Mikä meni hyvin",
                "Mikä toimi",
                "Що спрацювало добре",
                "Що пройшло добре",
                "Що вдалося",
                "Τι πήγε καλά",
                "Τι λειτούργησε",
                "Det som fungerte bra",
                "Hva gikk bra",
                "Hva fungerte bra",
                "Hvad gik godt",
                "Hvad gik godt?",
                "Hvad fungerede godt",
                "Ce a mers bine",
                "Ce a funcționat",
                "Ami jól ment",
                "Mi ment jól",
                "Què va anar bé",
                "Què ha anat bé",
                "Què va funcionar",
                "Què va funcionar bé",
                "Què ha funcionat",
                "Čo fungovalo",
                "Čo fungovalo dobre",
                "Čo sa podarilo",
                "Čo išlo dobre",
                "क्या अच्छा रहा",
                "क्या अच्छा हुआ",
                "क्या ठीक रहा",
                "क्या सही रहा",
            ],
            SectionKind::WentWrong => &[
                "Not great",
                "Not so good",
                "Bad",
                // Russian, Korean, Turkish.
                "Что пошло не так",
                "아쉬운 점",
                "Kötü gidenler",
                "What went wrong",
                "What didn't work",
                "What did not work",
                "What went poorly",
                "What went badly",
                "What didn't go well",
                "What did not go well",
                "What didn't go so well",
                "What did not go so well",
                "What could have gone better",
                "What could have been better",
                "What could we have done better",
                "Things that went wrong",
                // French, German, Spanish, Portuguese, Japanese.
                "Ce qui a mal fonctionné",
                "Ce qui s'est mal passé",
                "Was schief lief",
                "Was lief schlecht",
                "Lo que salió mal",
                "Qué salió mal",
                "O que correu mal",
                "O que deu errado",
                "問題点",
                "Cosa non ha funzionato",
                "Cosa è andato storto",
                "Wat kan beter",
                "Wat ging mis",
                "待改进的",
                "待改进",
                "Co poszło źle",
                "Co poszło nie tak",
                "Chưa tốt",
                "Những điều chưa tốt",
                "Yang kurang baik",
                "Yang perlu diperbaiki",
                "Co se nepovedlo",
                "Co nefungovalo",
                "ما يحتاج إلى تحسين",
                "ما لم ينجح",
                "מה לא עבד",
                "מה לא עבד טוב",
                "מה אפשר לשפר",
                "Mikä meni huonosti",
                "Mikä ei toiminut",
                "Що спрацювало погано",
                "Що пішло не так",
                "Що не спрацювало",
                "Що можна покращити",
                "Τι πήγε στραβά",
                "Τι πήγε λάθος",
                "Τι δεν λειτούργησε",
                "Τι μπορεί να βελτιωθεί",
                "Det som ikke fungerte",
                "Det som fungerte dårlig",
                "Hva gikk galt",
                "Hva kunne gått bedre",
                "Hvad gik galt",
                "Hvad gik skidt",
                "Hvad kunne gå bedre",
                "Hvad fungerede ikke",
                "Ce nu a mers bine",
                "Ce a mers prost",
                "Ce nu a funcționat",
                "Ce nu a funcţionat",
                "Ce putem îmbunătăți",
                "Ami nem ment jól",
                "Mi ment rosszul",
                "Min javíthatunk",
                "Què va anar malament",
                "Què ha anat malament",
                "Què no va funcionar",
                "Què no ha funcionat",
                "Què podríem millorar",
                "Què podem millorar",
                "Čo nefungovalo",
                "Čo sa nepodarilo",
                "Čo išlo zle",
                "Čo môžeme zlepšiť",
                "Čo by sa dalo zlepšiť",
                "क्या गलत हुआ",
                "क्या ग़लत हुआ",
                "क्या गलत रहा",
                "क्या ग़लत रहा",
                "क्या अच्छा नहीं रहा",
                "क्या बेहतर हो सकता था",
            ],
            SectionKind::Lucky => &[
                "Where we got lucky",
                // Czech, Arabic.
                "Kde jsme měli štěstí",
                "أين حالفنا الحظ",
                "איפה היה לנו מזל",
                "Missä meillä kävi tuuri",
                "Де нам пощастило",
                "Πού σταθήκαμε τυχεροί",
                "Hvor vi var heldige",
                "Hvor vi havde held",
                "Unde am avut noroc",
                "Ahol szerencsénk volt",
                "On vam tenir sort",
                "On hem tingut sort",
                "Kde sme mali šťastie",
                "जहाँ हम भाग्यशाली रहे",
                "हम कहाँ भाग्यशाली रहे",
            ],
            SectionKind::Lessons => &[
                // Russian, Korean, Turkish.
                "Выводы",
                "배운 점",
                "교훈",
                "Öğrenilenler",
                "Çıkarılan dersler",
                "Lessons learned",
                "Lessons learnt",
                "Lessons",
                "Learnings",
                "Key takeaways",
                "Takeaways",
                // French, German, Spanish, Portuguese, Japanese.
                "Leçons apprises",
                "Enseignements",
                "Erkenntnisse",
                "Lehren",
                "Lecciones aprendidas",
                "Lições aprendidas",
                "教訓",
                "学び",
                "Lezioni apprese",
                "Geleerde lessen",
                "经验总结",
                "经验教训",
                "Wnioski",
                "Bài học",
                "Bài học kinh nghiệm",
                "Pelajaran",
                "Pembelajaran",
                "Poučení",
                "Ponaučení",
                "الدروس المستفادة",
                "לקחים",
                "לקחים שנלמדו",
                "הפקת לקחים",
                "Opit",
                "Opitut asiat",
                "Opetukset",
                "Висновки",
                "Уроки",
                "Отримані уроки",
                "Διδάγματα",
                "Τι μάθαμε",
                "Μαθήματα",
                "Læringspunkter",
                "Lærdommer",
                "Hva vi lærte",
                "Læring",
                "Læringer",
                "Erfaringer",
                "Hvad vi lærte",
                "Lektioner",
                "Lecții învățate",
                "Lecții",
                "Lecţii învăţate",
                "Lecţii",
                "Lectii invatate",
                "Concluzii",
                "Tanulságok",
                "Tanultak",
                "Amit tanultunk",
                "Lliçons apreses",
                "Lliçons",
                "Aprenentatges",
                "Què hem après",
                "Poučenie",
                "Ponaučenie",
                "Poučenia",
                "Čo sme sa naučili",
                "Získané poznatky",
                "सीख",
                "मुख्य सीख",
                "सबक",
                "सीखे गए सबक",
                "हमने क्या सीखा",
            ],
            SectionKind::ActionItems => &[
                // Terse notes' list of what is left to do.
                "TODO",
                "TODOs",
                "To do",
                // Russian, Korean, Turkish.
                "Что делаем",
                "Действия",
                "Задачи",
                "Меры",
                "조치 사항",
                "후속 조치",
                "Aksiyonlar",
                "Aksiyon maddeleri",
                "Yapılacaklar",
                "Action items",
                "Action item",
                "Actions",
                "Action plan",
                "Follow-ups",
                "Follow ups",
                "Followups",
                "Follow-up actions",
                "Follow-up items",
                "Corrective actions",
                "Corrective and preventive actions",
                "Corrective and preventative actions",
                "Corrective and preventive measures",
                "Corrective and preventative measures",
                "Corrective and preventive measure",
                "Corrective and preventative measure",
                "Preventive and corrective actions",
                "Preventative and corrective actions",
                "Preventive and corrective measures",
                "Preventative and corrective measures",
                "Remedial measures",
                "Remedial actions",
                "Future improvements",
                "Improvements",
                "Recommendations",
                "Preventive measures",
                "Preventative measures",
                "Preventive actions",
                "Preventative actions",
                "Follow-up improvements",
                "How are we preventing it from happening again",
                "How we are preventing it from happening again",
                "How will we prevent this from happening again",
                "Remediation",
                "Remediations",
                "Remediation items",
                "Prevention",
                "Follow-up",
                "Follow up",
                "Open items",
                "Open action items",
                "Next steps",
                "What we're changing",
                "What we are changing",
                "What we're doing",
                "What we are doing",
                "What we are doing about it",
                "What we're doing about it",
                "What we're doing about this",
                "What is being done about this",
                "What is being done about it",
                "What we are doing about this",
                "What we will do about it",
                "What we will do about this",
                "What we'll do about it",
                "What we're going to do about it",
                "What we are going to do about it",
                // French, German, Spanish, Portuguese, Japanese.
                "Actions correctives",
                "Plan d'action",
                "Maßnahmen",
                "Massnahmen",
                "Folgemaßnahmen",
                "Acciones correctivas",
                "Acciones",
                "Plan de acción",
                "Ações corretivas",
                "Ações",
                "Plano de ação",
                "Itens de ação",
                "Ações de acompanhamento",
                "Próximos passos",
                "Acciones de seguimiento",
                "Próximos pasos",
                "Azioni correttive",
                "Azioni",
                "Azioni di follow-up",
                "Acties",
                "Actiepunten",
                "Verbeteracties",
                "Vervolgacties",
                "改进措施",
                "后续改进",
                "整改措施",
                "改进项",
                "行动项",
                "再発防止策",
                "対策",
                "今後の対応",
                "Incident todos",
                "How are we making incidents like this less likely or less impactful",
                "How are we making incidents like this less likely",
                "Next steps we are taking",
                "Todos",
                "To-dos",
                "Follow-up actions and todos",
                "Åtgärder",
                "Uppföljning",
                "Działania naprawcze",
                "Follow-up tasks",
                "Follow up tasks",
                "Followup tasks",
                "Tasks",
                "Incident tasks",
                "Problem tasks",
                "Sub-issues",
                "Sub-tasks",
                "Subtasks",
                "Hành động khắc phục",
                "Hành động tiếp theo",
                "Tindak lanjut",
                "Rencana tindak lanjut",
                "Nápravná opatření",
                "Opatření",
                "Úkoly",
                "الإجراءات التصحيحية",
                "الإجراءات",
                "إجراءات المتابعة",
                "משימות להמשך",
                "משימות",
                "פעולות מתקנות",
                "פעולות להמשך",
                "Korjaavat toimenpiteet",
                "Toimenpiteet",
                "Jatkotoimenpiteet",
                "Заходи",
                "Коригувальні заходи",
                "Подальші дії",
                "План дій",
                "Ενέργειες βελτίωσης",
                "Διορθωτικές ενέργειες",
                "Ενέργειες",
                "Επόμενα βήματα",
                "Tiltak",
                "Korrigerende tiltak",
                "Forbedringstiltak",
                "Oppfølgingspunkter",
                "Handlinger",
                "Handlingspunkter",
                "Opfølgning",
                "Opfølgningspunkter",
                "Korrigerende handlinger",
                "Acțiuni",
                "Acţiuni",
                "Acţiuni corective",
                "Actiuni",
                "Acțiuni corective",
                "Acțiuni de urmărire",
                "Plan de acțiune",
                "Teendők",
                "Intézkedések",
                "Javító intézkedések",
                "Feladatok",
                "Accions",
                "Accions correctives",
                "Accions de seguiment",
                "Mesures correctives",
                "Pla d'acció",
                "Propers passos",
                "Tasques",
                "Nápravné opatrenia",
                "Opatrenia",
                "Preventívne opatrenia",
                "Úlohy",
                "Ďalšie kroky",
                "Akčné body",
                "कार्य बिंदु",
                "कार्रवाई बिंदु",
                "कार्रवाई",
                "सुधारात्मक कार्रवाई",
                "सुधारात्मक कदम",
                "आगे की कार्रवाई",
                "अनुवर्ती कार्रवाई",
                "कार्य योजना",
                "अगले कदम",
            ],
            SectionKind::RootCauses => &[
                // Terse notes' `why (short version):`.
                "Why",
                // Russian, Korean, Turkish.
                "Причина",
                "Корневая причина",
                "Первопричина",
                "원인",
                "근본 원인",
                "Kök neden",
                "Root cause",
                "Root causes",
                "Root cause(s)",
                "Root cause analysis",
                "Root cause and contributing factors",
                "Blameless root cause",
                "Blameless root cause analysis",
                "Cause",
                "Causes",
                "What were the root causes",
                "What was the root cause",
                "What caused it",
                "What caused this",
                "What caused the incident",
                "What caused the outage",
                "Why it happened",
                "Why it happens",
                "Why this happened",
                "Why did this happen",
                "Why did it happen",
                "What allowed this to happen",
                "Why did it fail",
                "Why it failed",
                // French, German, Spanish, Portuguese, Japanese.
                "Cause racine",
                "Causes racines",
                "Cause première",
                "Ursache",
                "Ursachen",
                "Grundursache",
                "Causa raíz",
                "Causas raíz",
                "Causa raiz",
                "Causa",
                "原因",
                "根本原因",
                "Causa principale",
                "Grundorsak",
                "Grundorsaker",
                "Orsak",
                "Przyczyna",
                "Przyczyna główna",
                "What went wrong and why",
                "Causa radice",
                "Cause",
                "Oorzaak",
                "Oorzaken",
                "Hoofdoorzaak",
                "Grondoorzaak",
                "根因",
                "根因分析",
                "原因分析",
                "Przyczyna źródłowa",
                "Nguyên nhân gốc",
                "Nguyên nhân",
                "Akar masalah",
                "Penyebab",
                "Hlavní příčina",
                "Příčina",
                "Příčiny",
                "Kořenová příčina",
                "Hlavní příčiny",
                "السبب الجذري",
                "الأسباب الجذرية",
                "السبب",
                "גורם שורש",
                "גורם השורש",
                "סיבת שורש",
                "שורש הבעיה",
                "Juurisyy",
                "Juurisyyt",
                "Perimmäinen syy",
                "Syy",
                "Першопричина",
                "Коренева причина",
                "Основна причина",
                "Βασική αιτία",
                "Γενεσιουργός αιτία",
                "Ριζική αιτία",
                "Αιτία",
                "Rotårsak",
                "Grunnårsak",
                "Årsak",
                "Grundårsag",
                "Grundårsager",
                "Rodårsag",
                "Årsag",
                "Cauza principală",
                "Cauza principala",
                "Cauza de bază",
                "Cauza rădăcină",
                "Cauză",
                "Cauza",
                "Kiváltó ok",
                "Gyökérok",
                "Gyökérokok",
                "Kiváltó okok",
                "Causa arrel",
                "Causes arrel",
                "Causa principal",
                "Per què va passar",
                "Príčina",
                "Príčiny",
                "Hlavná príčina",
                "Hlavné príčiny",
                "Koreňová príčina",
                "Prvotná príčina",
                "मूल कारण",
                "मूल कारण विश्लेषण",
                "मुख्य कारण",
                "कारण",
            ],
            SectionKind::ContributingFactors => &[
                // Russian, Korean, Turkish.
                "Способствующие факторы",
                "기여 요인",
                "Katkıda bulunan etkenler",
                "Contributing factors",
                "Contributing factor",
                "Contributing causes",
                "Contributing",
                "Trigger",
                "Triggers",
                // French, German, Spanish, Portuguese, Japanese.
                "Facteurs contributifs",
                "Facteurs aggravants",
                "Beitragende Faktoren",
                "Mitwirkende Faktoren",
                "Factores contribuyentes",
                "Fatores contribuintes",
                "Fattori contribuenti",
                "Concause",
                "Bijdragende factoren",
                "直接原因",
                "要因",
                "Czynniki przyczyniające się",
                "Yếu tố góp phần",
                "Faktor pendukung",
                "Přispívající faktory",
                "Spouštěč",
                "العوامل المساهمة",
                "גורמים תורמים",
                "Myötävaikuttaneet tekijät",
                "Vaikuttaneet tekijät",
                "Laukaisija",
                "Супутні фактори",
                "Фактори, що сприяли",
                "Παράγοντες που συνέβαλαν",
                "Συντελεστές",
                "Medvirkende årsaker",
                "Medvirkende faktorer",
                "Utløsende årsak",
                "Bidragende årsager",
                "Factori care au contribuit",
                "Factori contributivi",
                "Factori favorizanți",
                "Közreható tényezők",
                "Hozzájáruló tényezők",
                "Közrejátszó tényezők",
                "Factors contribuents",
                "Factors que hi van contribuir",
                "Factors que hi han contribuït",
                "Factors agreujants",
                "Desencadenant",
                "Prispievajúce faktory",
                "Faktory, ktoré prispeli",
                "Spúšťač",
                "योगदान देने वाले कारक",
                "योगदानकारी कारक",
                "सहायक कारक",
            ],
        }
    }
}

/// Matches `##` heading text to a recognised section, with the KB's aliases.
#[derive(Debug, Clone)]
pub struct SectionMatcher {
    /// Each normalized heading's kind (the first kind that names it).
    headings: std::borrow::Cow<'static, rustc_hash::FxHashMap<String, SectionKind>>,
}

/// The default headings, normalized once: a KB without aliases (most) matches with these
/// (normalizing them for every post-mortem was 2% of a 10k build).
static DEFAULT_HEADINGS: std::sync::LazyLock<rustc_hash::FxHashMap<String, SectionKind>> =
    std::sync::LazyLock::new(|| SectionMatcher::headings(&Default::default()));

impl SectionMatcher {
    pub fn new(aliases: &std::collections::BTreeMap<String, Vec<String>>) -> Self {
        let headings = match aliases.values().all(|a| a.is_empty()) {
            true => std::borrow::Cow::Borrowed(&*DEFAULT_HEADINGS),
            false => std::borrow::Cow::Owned(Self::headings(aliases)),
        };
        SectionMatcher { headings }
    }

    /// Each kind's default headings then its aliases, normalized, kinds in their order; a
    /// heading two kinds name is the first one's.
    fn headings(
        aliases: &std::collections::BTreeMap<String, Vec<String>>,
    ) -> rustc_hash::FxHashMap<String, SectionKind> {
        let mut headings = rustc_hash::FxHashMap::default();
        for kind in SectionKind::ALL {
            let written = kind.default_headings().iter().copied();
            let aliased = aliases
                .get(kind.key())
                .into_iter()
                .flatten()
                .map(String::as_str);
            for h in written.chain(aliased) {
                headings.entry(normalize_heading(h)).or_insert(kind);
            }
        }
        headings
    }

    /// The section a heading names: as written, else without a note in parentheses at its
    /// end (`Timeline (times in BST)`, `Action items (as of 2024-05-01)`).
    pub fn classify(&self, heading: &str) -> Option<SectionKind> {
        self.classify_written(heading).or_else(|| {
            let bare = bare_heading(heading);
            (bare.len() < heading.len())
                .then(|| self.classify_written(bare))
                .flatten()
        })
    }

    fn classify_written(&self, heading: &str) -> Option<SectionKind> {
        written_forms(heading).find_map(|h| {
            let h = normalize_heading(h);
            self.headings.get(&*h).copied()
        })
    }
}

/// The forms of a heading as written that a section's name is looked for in, in order: the
/// heading; without what decorates it after its words (`Internal notes 🔒`); without a note
/// after them and whatever follows it (`Timeline (times in BST)`, `Timeline (all times PST)
/// 07/27/2023 - 07/31/2023`, `Internal notes [confidential]`, `Internal notes – do not
/// share`, `The root cause, in one sentence`); and for a heading that names two sections (`Lessons Learned and Future
/// Improvements`, `Prevention / Follow-up`), the first.
fn written_forms(heading: &str) -> impl Iterator<Item = &str> {
    fn cut<'a>(heading: &'a str, seps: &[&str]) -> Option<&'a str> {
        // Lowercasing ASCII letters only keeps every byte offset of the heading, and the
        // separators have no other letters.
        let lower = heading.to_ascii_lowercase();
        (seps.iter())
            .filter_map(|s| lower.find(s))
            .min()
            .and_then(|at| heading.get(..at))
            .filter(|h| !h.trim().is_empty())
    }
    // Each form is made only when the ones before it named no section.
    let undecorated = move || {
        let u = heading.trim_end_matches(|c: char| !c.is_alphanumeric());
        (u.len() < heading.len() && !u.is_empty()).then_some(u)
    };
    std::iter::once(Some(heading))
        .chain(std::iter::once_with(undecorated))
        .chain(std::iter::once_with(move || {
            cut(heading, &[" (", " [", " – ", " — ", " - ", " | ", ", "])
        }))
        .chain(std::iter::once_with(move || {
            cut(heading, &[" and ", " & ", " / "])
        }))
        .flatten()
}

/// Whether `heading` is one of `names`, read as a section's heading is (see
/// [`SectionMatcher::classify`]): `2. Internal notes`, `🔒 Internal notes:` and `Internal
/// notes (do not share)` are `Internal notes`.
pub fn heading_is_one_of<S: AsRef<str>>(heading: &str, names: &[S]) -> bool {
    let names: Vec<String> = names
        .iter()
        .map(|n| normalize_heading(n.as_ref()))
        .collect();
    let is = |h: &str| names.contains(&normalize_heading(h));
    let bare = bare_heading(heading);
    written_forms(heading).any(is) || (bare.len() < heading.len() && written_forms(bare).any(is))
}

/// The headings of a tracker's record of an issue, kept below the write-up when the issue is
/// exported (GitLab's and Jira's `Activity`, `Comments`, `Change history`, ServiceNow's `Work
/// notes`; not `Linked issues`, under which an export may list the follow-ups): what follows
/// one is the tool's log, not a part of the section above it (its `- @sam changed the
/// incident status to Resolved` lines are no action items).
pub fn is_record_heading(heading: &str) -> bool {
    const NAMES: &[&str] = &[
        "activity",
        "activities",
        "activity log",
        "activity feed",
        "comments",
        "change history",
        "issue history",
        "audit log",
        "attachments",
        "work notes",
    ];
    heading_is_one_of(heading, NAMES)
}

/// Whether `c` is a mark within a word that Unicode does not count as a letter: Devanagari's
/// virama (`्`, which joins `प्` and `र` in `प्रभाव`) and nukta (`़`, in `फ़रवरी`). A Hindi
/// word is whole with them, not cut at each.
pub fn is_word_mark(c: char) -> bool {
    matches!(c, '\u{93C}' | '\u{94D}')
}

/// `text` lower-cased with every run of characters other than letters, digits, `-` and
/// [marks within words](is_word_mark) made one space, and a space at each end: ` alert fired
/// at 10:02 ` -> `" alert fired at 10 02 "`. A word or phrase `w` occurs in it as a whole when
/// it contains `" w "`.
pub fn padded_words(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push(' ');
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() || c == '-' || is_word_mark(c) {
            out.push(c);
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    if !out.ends_with(' ') {
        out.push(' ');
    }
    out
}

/// A heading without what decorates it before its words: an emoji (`🔍 Root cause`, or its
/// shortcode as Slack and GitHub write it, `:clock3: Timeline`), a section number (below) and
/// a leading `The` (`The Impact`).
fn bare_heading(h: &str) -> &str {
    let mut h = h.trim_start();
    while let Some(rest) = h.strip_prefix(':')
        && let Some((code, after)) = rest.split_once(':')
        && !code.is_empty()
        && code
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"_+-".contains(&b))
        && after.starts_with(' ')
    {
        h = after.trim_start();
    }
    let t = h.trim_start_matches(|c: char| !(c.is_alphanumeric() || c == '(' || c == '['));
    let t = strip_section_number(t.trim_start());
    let the = t.get(..4).is_some_and(|w| w.eq_ignore_ascii_case("the "));
    if the { t[4..].trim_start() } else { t }
}

/// A heading without its section number: `2. Timeline`, `3) Root cause`, `4.1 Action
/// items`, `IV. Lessons learned` are `Timeline`, `Root cause`... (numbered templates, wiki
/// exports).
fn strip_section_number(h: &str) -> &str {
    let t = h.trim_start();
    let numbered = t.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
    let numbered = if numbered.len() < t.len() && t.starts_with(|c: char| c.is_ascii_digit()) {
        Some(numbered.strip_prefix(')').unwrap_or(numbered))
    } else {
        let roman = t.trim_start_matches(['I', 'V', 'X']);
        (roman.len() < t.len())
            .then(|| roman.strip_prefix(['.', ')']))
            .flatten()
    };
    // `三、故障时间线`, `4.2 根本原因`: Chinese numbering, a numeral and `、`.
    let chinese = t.trim_start_matches(|c: char| "一二三四五六七八九十".contains(c));
    if chinese.len() < t.len()
        && let Some(rest) = chinese.strip_prefix('、')
        && !rest.trim().is_empty()
    {
        return rest.trim_start();
    }
    match numbered {
        Some(rest) if rest.starts_with(char::is_whitespace) && !rest.trim().is_empty() => {
            rest.trim_start()
        }
        _ => h,
    }
}

fn normalize_heading(h: &str) -> String {
    // `Impact:`, `What went well?`, `Internal&nbsp;notes` as a wiki exports it.
    h.trim()
        .trim_end_matches([':', '?', '.'])
        .trim()
        .to_lowercase()
        .replace('’', "'")
        .replace('\u{a0}', " ")
}

/// The Markdown options every reading of a body uses (the load stage's and the renderer's), so
/// that both see the same structure.
pub fn markdown_options() -> pulldown_cmark::Options {
    use pulldown_cmark::Options;
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_GFM
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_WIKILINKS
}

/// A body's Markdown events with their source ranges, as every reading of a body sees them:
/// pulldown-cmark's, except that `[[4]](#References)` (a footnote-style link whose text is
/// `[4]`, as GitHub renders it) is that link, not a wiki link to an incident `4` followed by
/// text.
pub fn markdown_events(
    source: &str,
) -> impl Iterator<Item = (pulldown_cmark::Event<'_>, std::ops::Range<usize>)> {
    use pulldown_cmark::{CowStr, Event, LinkType, Parser, Tag, TagEnd};
    let mut inner = Parser::new_ext(source, markdown_options()).into_offset_iter();
    if !source.contains("]](") {
        return Box::new(inner) as Box<dyn Iterator<Item = _>>;
    }
    let mut ready: std::collections::VecDeque<(Event<'_>, std::ops::Range<usize>)> =
        std::collections::VecDeque::new();
    Box::new(std::iter::from_fn(move || {
        if let Some(e) = ready.pop_front() {
            return Some(e);
        }
        let (event, range) = inner.next()?;
        let Event::Start(Tag::Link {
            link_type: LinkType::WikiLink { has_pothole: false },
            ..
        }) = &event
        else {
            return Some((event, range));
        };
        // `[[x]]` then `(dest)` right after it, on the line.
        let after = &source[range.end..];
        let close = after.strip_prefix('(').and_then(|a| {
            let line = &a[..a.find('\n').unwrap_or(a.len())];
            line.find(')')
                .filter(|&i| !line[..i].contains(char::is_whitespace))
        });
        let mut group = vec![(event, range.clone())];
        for e in inner.by_ref() {
            let end = matches!(e.0, Event::End(TagEnd::Link));
            group.push(e);
            if end {
                break;
            }
        }
        let Some(close) = close else {
            ready.extend(group);
            return ready.pop_front();
        };
        let dest = &source[range.end + 1..range.end + 1 + close];
        let end = range.end + close + 2;
        let label = &source[range.start + 1..range.end - 1];
        ready.push_back((
            Event::Text(CowStr::Borrowed(label)),
            range.start + 1..range.end - 1,
        ));
        ready.push_back((Event::End(TagEnd::Link), range.start..end));
        // The text after it starts with the `(dest)` that is now the link's.
        match inner.next() {
            Some((Event::Text(t), r)) => {
                let cut = end.saturating_sub(r.start).min(t.len());
                if t.is_char_boundary(cut) && cut < t.len() {
                    let rest = match t {
                        CowStr::Borrowed(b) => CowStr::Borrowed(&b[cut..]),
                        other => CowStr::from(other[cut..].to_string()),
                    };
                    ready.push_back((Event::Text(rest), r.start + cut..r.end));
                }
            }
            Some(other) => ready.push_back(other),
            None => {}
        }
        Some((
            Event::Start(Tag::Link {
                link_type: LinkType::Inline,
                dest_url: CowStr::Borrowed(dest),
                title: CowStr::Borrowed(""),
                id: CowStr::Borrowed(""),
            }),
            range.start..end,
        ))
    }))
}

/// An HTML comment (editor notes, lint directives): allowed even where raw HTML is not, and
/// not content.
pub fn is_html_comment(html: &str) -> bool {
    let t = html.trim();
    t.starts_with("<!--") && t.ends_with("-->")
}

/// Whole minutes from `a` to `b`, rounded toward zero: every duration the site shows (an
/// incident's time to resolve, the metrics) is counted this way, so two pages never disagree.
pub fn minutes_between(a: &jiff::Zoned, b: &jiff::Zoned) -> i64 {
    b.timestamp().duration_since(a.timestamp()).as_secs() / 60
}

/// A number of minutes in words: `45 min`, `1 h 12 min`, `2 d 3 h`. A statistic that is not a
/// whole number of minutes (a mean, a median of two) is rounded to the nearest minute first.
pub fn human_minutes(m: f64) -> String {
    let m = if m.is_finite() {
        m.round().clamp(0.0, 1e15) as i64
    } else {
        0
    };
    match m {
        0..60 => format!("{m} min"),
        60..1440 if m % 60 == 0 => format!("{} h", m / 60),
        60..1440 => format!("{} h {} min", m / 60, m % 60),
        _ if m % 1440 / 60 == 0 => format!("{} d", m / 1440),
        _ => format!("{} d {} h", m / 1440, m % 1440 / 60),
    }
}

/// Minutes since the start of an incident: `T+11m`, `T+1h05m`, `T+2d3h`; `T-20m` before it.
pub fn elapsed(m: i64) -> String {
    let (sign, m) = if m < 0 { ('-', -m) } else { ('+', m) };
    match m {
        ..60 => format!("T{sign}{m}m"),
        60..1440 => format!("T{sign}{}h{:02}m", m / 60, m % 60),
        _ => format!("T{sign}{}d{}h", m / 1440, m % 1440 / 60),
    }
}

/// The severity of an incident that names none: listed, faceted and filtered under this name.
pub const UNRATED: &str = "unrated";

/// The category of a cause read from the body that names none and matches no
/// `[cause_words]`: the model gives it a category page and a bone of its own.
pub const UNCATEGORIZED: &str = "uncategorized";

/// The fence language that marks an internal block.
pub const INTERNAL_FENCE: &str = "internal";

/// Whether a fenced block's info string marks it internal (```` ```internal ````).
pub fn is_internal_fence(info: &str) -> bool {
    info.split_whitespace()
        .next()
        .is_some_and(|w| w.eq_ignore_ascii_case(INTERNAL_FENCE))
}

/// `s` for a plural count: `1 incident`, `2 incidents`.
pub fn plural_s(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The quarter of a date: `(2024, 3)` for any day of July to September 2024.
pub fn quarter(year: i16, month: i8) -> (i16, i8) {
    (year, (month - 1) / 3 + 1)
}

/// A base URL (`/`, `/docs/kb`, `https://kb.corp/docs/kb/`) as its origin
/// (`https://kb.corp`, when it names a host) and its path, with a `/` at both ends
/// (`/docs/kb/`).
pub fn split_base_url(base_url: &str) -> (Option<String>, String) {
    let (origin, path) = match base_url.split_once("://") {
        Some((scheme, rest)) => {
            let (host, path) = rest.split_once('/').map_or((rest, ""), |(h, p)| (h, p));
            (Some(format!("{scheme}://{host}")), path)
        }
        None => (None, base_url),
    };
    let trimmed = path.trim_matches('/');
    let base_path = if trimmed.is_empty() {
        "/".to_string()
    } else {
        format!("/{trimmed}/")
    };
    (origin, base_path)
}

#[cfg(test)]
mod tests {

    #[test]
    fn padded_words_give_whole_words_between_single_spaces() {
        assert_eq!(
            padded_words("Alert fired at 10:02 -- on-call PAGED!"),
            " alert fired at 10 02 -- on-call paged "
        );
        assert_eq!(padded_words(""), " ");
        // A Hindi word with a virama or a nukta is one word; the danda ends a sentence.
        assert_eq!(padded_words("**प्रभाव शुरू।** ज़िम्मेदार"), " प्रभाव शुरू ज़िम्मेदार ");
    }
    use super::*;

    #[test]
    fn a_footnote_style_link_is_a_link_and_a_wiki_link_stays_one() {
        use pulldown_cmark::{Event, LinkType, Tag};
        let src = "see[[4]](#References) now, [[b]] (x) and [[c]](e)";
        let links: Vec<_> = markdown_events(src)
            .filter_map(|(e, r)| match e {
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    ..
                }) => Some((
                    matches!(link_type, LinkType::WikiLink { .. }),
                    dest_url.to_string(),
                    &src[r],
                )),
                _ => None,
            })
            .collect();
        assert_eq!(
            links,
            [
                (false, "#References".to_string(), "[[4]](#References)"),
                (true, "b".to_string(), "[[b]]"),
                (false, "e".to_string(), "[[c]](e)"),
            ]
        );
        let text: String = markdown_events(src)
            .filter_map(|(e, _)| match e {
                Event::Text(t) => Some(t.to_string()),
                _ => None,
            })
            .collect();
        assert_eq!(text, "see[4] now, b (x) and [c]");
    }

    #[test]
    fn ids() {
        assert!(is_valid_id("2017-04-06-linkedin-app"));
        assert!(!is_valid_id("-x"));
        assert!(!is_valid_id("a/b"));
        assert!(!is_valid_id(".."));
        assert!(!is_valid_id("Caps"));
        assert!(!is_valid_id(""));
        assert!(is_valid_id(&"a".repeat(MAX_ID_LEN)));
        assert!(!is_valid_id(&"a".repeat(MAX_ID_LEN + 1)));
        assert!(
            id_problem(&"a".repeat(300))
                .unwrap()
                .contains("300 characters")
        );
        let slug = slugify(&"Long Tag ".repeat(40));
        assert!(slug.len() <= MAX_ID_LEN && is_valid_id(&slug), "{slug}");
    }

    #[test]
    fn durations_and_quarters() {
        assert_eq!(human_minutes(39.0), "39 min");
        assert_eq!(human_minutes(60.0), "1 h");
        assert_eq!(human_minutes(72.4), "1 h 12 min");
        assert_eq!(human_minutes(22.5), "23 min");
        assert_eq!(human_minutes(1440.0 * 2.0 + 180.0), "2 d 3 h");
        assert_eq!(human_minutes(1440.0), "1 d");
        assert_eq!(human_minutes(f64::NAN), "0 min");
        assert_eq!(elapsed(11), "T+11m");
        assert_eq!(elapsed(65), "T+1h05m");
        assert_eq!(elapsed(-20), "T-20m");
        assert_eq!(quarter(2024, 7), (2024, 3));
        assert_eq!(quarter(2024, 12), (2024, 4));
        let a = crate::load::time::parse_time("2024-03-01T10:00:00Z").unwrap();
        let b = crate::load::time::parse_time("2024-03-01T10:22:59Z").unwrap();
        assert_eq!(minutes_between(&a, &b), 22, "whole minutes, toward zero");
    }

    #[test]
    fn other_languages_headings_name_their_own_sections() {
        let m = SectionMatcher::new(&Default::default());
        for (heading, kind) in [
            ("Cinq pourquoi", SectionKind::FiveWhys),
            ("Fünf Warum", SectionKind::FiveWhys),
            ("なぜなぜ分析", SectionKind::FiveWhys),
            ("Ce qui a bien fonctionné", SectionKind::WentWell),
            ("Chronologie", SectionKind::Timeline),
            ("Cause racine", SectionKind::RootCauses),
            ("再発防止策", SectionKind::ActionItems),
            ("Shrnutí", SectionKind::Summary),
            ("Časová osa", SectionKind::Timeline),
            ("Hlavní příčina", SectionKind::RootCauses),
            ("Spouštěč", SectionKind::ContributingFactors),
            ("Nápravná opatření", SectionKind::ActionItems),
            ("Co se nepovedlo", SectionKind::WentWrong),
            ("Kde jsme měli štěstí", SectionKind::Lucky),
            ("الملخص", SectionKind::Summary),
            ("الجدول الزمني", SectionKind::Timeline),
            ("السبب الجذري", SectionKind::RootCauses),
            ("العوامل المساهمة", SectionKind::ContributingFactors),
            ("الإجراءات التصحيحية", SectionKind::ActionItems),
            ("الدروس المستفادة", SectionKind::Lessons),
            ("ما سار بشكل جيد", SectionKind::WentWell),
            ("תקציר", SectionKind::Summary),
            ("ציר זמן (שעון ישראל)", SectionKind::Timeline),
            ("סיבת שורש", SectionKind::RootCauses),
            ("גורמים תורמים", SectionKind::ContributingFactors),
            ("פעולות מתקנות", SectionKind::ActionItems),
            ("לקחים שנלמדו", SectionKind::Lessons),
            ("מה הלך טוב", SectionKind::WentWell),
            ("Tiivistelmä", SectionKind::Summary),
            ("Aikajana", SectionKind::Timeline),
            ("Juurisyy", SectionKind::RootCauses),
            (
                "Myötävaikuttaneet tekijät",
                SectionKind::ContributingFactors,
            ),
            ("Jatkotoimenpiteet", SectionKind::ActionItems),
            ("Opit", SectionKind::Lessons),
            ("Mikä meni huonosti", SectionKind::WentWrong),
            ("Missä meillä kävi tuuri", SectionKind::Lucky),
            ("Короткий опис", SectionKind::Summary),
            ("Хронологія (за київським часом)", SectionKind::Timeline),
            ("Першопричина", SectionKind::RootCauses),
            ("Супутні фактори", SectionKind::ContributingFactors),
            ("Коригувальні заходи", SectionKind::ActionItems),
            ("Що пішло не так", SectionKind::WentWrong),
            ("Σύνοψη", SectionKind::Summary),
            ("Αντίκτυπος", SectionKind::Impact),
            ("Χρονολόγιο", SectionKind::Timeline),
            ("Βασική αιτία", SectionKind::RootCauses),
            ("Παράγοντες που συνέβαλαν", SectionKind::ContributingFactors),
            ("Διορθωτικές ενέργειες", SectionKind::ActionItems),
            ("Τι πήγε καλά", SectionKind::WentWell),
            ("Sammendrag", SectionKind::Summary),
            ("Hendelsesforløp", SectionKind::Timeline),
            ("Rotårsak", SectionKind::RootCauses),
            ("Medvirkende årsaker", SectionKind::ContributingFactors),
            ("Korrigerende tiltak", SectionKind::ActionItems),
            ("Læringspunkter", SectionKind::Lessons),
            ("Hva gikk galt", SectionKind::WentWrong),
            ("Hvor vi var heldige", SectionKind::Lucky),
            ("Resumé", SectionKind::Summary),
            ("Grundårsag", SectionKind::RootCauses),
            ("Hvad gik godt", SectionKind::WentWell),
            ("Handlinger", SectionKind::ActionItems),
            ("Rezumat", SectionKind::Summary),
            ("Cronologie", SectionKind::Timeline),
            ("Cauza principală", SectionKind::RootCauses),
            (
                "Factori care au contribuit",
                SectionKind::ContributingFactors,
            ),
            ("Acțiuni", SectionKind::ActionItems),
            ("Lecții învățate", SectionKind::Lessons),
            ("Összefoglaló", SectionKind::Summary),
            ("Hatás", SectionKind::Impact),
            ("Idővonal", SectionKind::Timeline),
            ("Kiváltó ok", SectionKind::RootCauses),
            ("Közreható tényezők", SectionKind::ContributingFactors),
            ("Ami jól ment", SectionKind::WentWell),
            ("Teendők", SectionKind::ActionItems),
            ("Tanulságok", SectionKind::Lessons),
            ("Resum", SectionKind::Summary),
            ("Impacte", SectionKind::Impact),
            ("Cronologia", SectionKind::Timeline),
            ("Causa arrel", SectionKind::RootCauses),
            (
                "Factors que hi van contribuir",
                SectionKind::ContributingFactors,
            ),
            ("Què va anar bé", SectionKind::WentWell),
            ("Què podríem millorar", SectionKind::WentWrong),
            ("Lliçons apreses", SectionKind::Lessons),
            ("Accions", SectionKind::ActionItems),
            ("Zhrnutie", SectionKind::Summary),
            ("Časová os", SectionKind::Timeline),
            ("Príčina", SectionKind::RootCauses),
            ("Prispievajúce faktory", SectionKind::ContributingFactors),
            ("Čo fungovalo", SectionKind::WentWell),
            ("Čo sa nepodarilo", SectionKind::WentWrong),
            ("Poučenie", SectionKind::Lessons),
            ("Nápravné opatrenia", SectionKind::ActionItems),
            ("सारांश", SectionKind::Summary),
            ("प्रभाव", SectionKind::Impact),
            ("समय-रेखा", SectionKind::Timeline),
            ("मूल कारण", SectionKind::RootCauses),
            ("योगदान देने वाले कारक", SectionKind::ContributingFactors),
            ("क्या अच्छा रहा", SectionKind::WentWell),
            ("क्या ग़लत हुआ", SectionKind::WentWrong),
            ("सीखे गए सबक", SectionKind::Lessons),
            ("कार्य बिंदु", SectionKind::ActionItems),
        ] {
            assert_eq!(m.classify(heading), Some(kind), "{heading}");
        }
    }

    #[test]
    fn sections_match_case_insensitively_with_aliases() {
        let mut aliases = std::collections::BTreeMap::new();
        aliases.insert("summary".to_string(), vec!["Overview".to_string()]);
        let m = SectionMatcher::new(&aliases);
        assert_eq!(m.classify("five WHYS"), Some(SectionKind::FiveWhys));
        assert_eq!(m.classify("5 Whys"), Some(SectionKind::FiveWhys));
        assert_eq!(
            m.classify("Alert timeline (pasted from the incident pane)"),
            Some(SectionKind::Timeline)
        );
        assert_eq!(m.classify("Overview"), Some(SectionKind::Summary));
        assert_eq!(m.classify("TL;DR"), Some(SectionKind::Summary));
        assert_eq!(m.classify("Resolution"), None);
        // Numbered sections, and two in one heading.
        assert_eq!(m.classify("2. Timeline"), Some(SectionKind::Timeline));
        assert_eq!(m.classify("3) Root cause"), Some(SectionKind::RootCauses));
        assert_eq!(
            m.classify("4.1 Action items"),
            Some(SectionKind::ActionItems)
        );
        assert_eq!(
            m.classify("IV. Lessons learned"),
            Some(SectionKind::Lessons)
        );
        assert_eq!(
            m.classify("Prevention / Follow-up"),
            Some(SectionKind::ActionItems)
        );
        assert_eq!(m.classify("2."), None);
        assert_eq!(
            m.classify("🔍 Why Did It Fail?"),
            Some(SectionKind::RootCauses)
        );
        assert_eq!(m.classify("💡 Next Steps"), Some(SectionKind::ActionItems));
        // An emoji's shortcode, as a Slack canvas pasted as Markdown keeps it.
        assert_eq!(
            m.classify(":clock3: Timeline (PT)"),
            Some(SectionKind::Timeline)
        );
        assert_eq!(
            m.classify(":white_check_mark: Follow-ups"),
            Some(SectionKind::ActionItems)
        );
        assert_eq!(m.classify(":timeline: notes"), None);
        assert_eq!(
            m.classify("The root cause, in one sentence"),
            Some(SectionKind::RootCauses)
        );
        assert_eq!(m.classify("The Impact"), Some(SectionKind::Impact));
        assert_eq!(
            m.classify("🎯 Lessons Learned & Preventive Measures"),
            Some(SectionKind::Lessons)
        );
        assert_eq!(m.classify("Impact 2"), None);
    }
}
