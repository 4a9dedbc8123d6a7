// hindsight search: the static site's search, in the browser and under Node, with no server.
//
// Reads the files `hindsight build` derives from its tantivy index (search/manifest-*.json and
// the shards it names) and ranks exactly as `hindsight search` does: tantivy's BM25 (k1 1.2,
// b 0.75) in f32 arithmetic, the query's (item, field, term) scores added in query order, ties
// to the earlier document (documents are numbered newest first). Words are looked up in the
// KB's vocabulary (every word form the KB uses, and common inflections of them, -> its stemmed
// term), so no stemmer is needed here; a form the vocabulary lacks finds nothing until the
// fuzzy retry, where `hindsight search` would stem it. Phrases ("quoted words", and words
// joined by punctuation such as web-app) are matched at their positions, from the positions
// files, fetched only for phrases, and scored as tantivy's phrase query scores them. Filters
// (the page's facets, or facet:value in the query) come from the facets file.
//
// In a page, the header's search box shows results as you type, and the search page adds
// facet filters. Under `hindsight serve` both ask the server's /api/search instead.

const f = Math.fround;
const K1 = f(1.2);
const B = f(0.75);
const ONE_PLUS_K1 = f(1 + K1);
const MAX_QUERY = 1000;
const COMPLETIONS = 8;

export class SearchError extends Error {}

// A query shown back in a message: at most 80 characters.
const shorten = (s) => (Array.from(s).length > 80 ? Array.from(s).slice(0, 79).join("") + "…" : s);

// tantivy's field-norm id -> field length (fieldnorm/code.rs).
function fieldnorm(id) {
  if (id < 24) return id;
  const b = id - 24;
  const shift = b >> 3;
  return 24 + (shift === 0 ? b & 7 : ((b & 7) | 8) * 2 ** (shift - 1));
}

// The words of a text as the index splits them: runs of letters and digits, lowercased;
// words of 40 bytes or more are dropped.
const WORD = /[\p{Alphabetic}\p{Nd}\p{Nl}\p{No}]+/gu;
const encoder = new TextEncoder();
const decoder = new TextDecoder();
export function words(text) {
  return tokens(text).map(([, w]) => w);
}
// [position, word] of each word the index keeps: a word of 40 bytes or more is dropped, but
// counts as a position, as in the index's analyzer (its offset in a phrase stays).
function tokens(text) {
  const out = [];
  let position = 0;
  for (const m of text.matchAll(WORD)) {
    if (encoder.encode(m[0]).length < 40) out.push([position, lowerWord(m[0])]);
    position++;
  }
  return out;
}

// A word lowercased letter by letter, as tantivy's LowerCaser does (a final Σ is σ, not ς).
function lowerWord(w) {
  return /^[\x00-\x7f]*$/.test(w) ? w.toLowerCase() : Array.from(w, (c) => c.toLowerCase()).join("");
}

const FIELDS = ["title", "summary", "body", "causes", "impact", "actions"];
// The facets a query filters on with facet:value (src/index/parse.rs FILTERS).
export const FILTERS = ["severity", "service", "cause", "category", "tag", "year"];
const FIELD_ERROR = (name) =>
  `\`${name}:\` is not a field; search in one of ${FIELDS.join(", ")}, or filter by ${FILTERS.join(", ")} (as in severity:SEV1)`;
const EXAMPLES = { severity: "SEV1", service: "database", cause: "expired-certificate", category: "process", tag: "dns", year: "2024" };

// The query as searched: at most MAX_QUERY characters, cut before the word or the quoted
// phrase that the limit falls in, so that a cut never leaves a quote open (as the index does).
function cut(query) {
  const chars = Array.from(query);
  if (chars.length <= MAX_QUERY) return query;
  let text = chars.slice(0, MAX_QUERY).join("");
  if (!/^\s/.test(chars[MAX_QUERY])) {
    const at = text.search(/\s\S*$/);
    if (at >= 0) text = text.slice(0, at);
  }
  if ((text.match(/"/g) || []).length % 2) text = text.slice(0, text.lastIndexOf('"'));
  return text;
}

// An item written back as a query would have it, with `text` for its text.
const itemText = (it, text) => (it.negated ? "-" : "") + (it.field === null ? "" : `${FIELDS[it.field]}:`) + (it.quoted ? `"${text}"` : text);

// The query language of `hindsight search` (src/index/parse.rs): words, "phrases",
// -excluded, field:word, and facet:value filters. Returns {items, filters}.
export function parse(query) {
  const items = [];
  const filters = [];
  let rest = query.trimStart();
  while (rest) {
    let negated = false;
    let s = rest;
    if (s.startsWith("-")) { negated = true; s = s.slice(1); } else if (s.startsWith("+")) s = s.slice(1);
    let field = null;
    let facet = null;
    const colon = s.indexOf(":");
    if (colon > 0) {
      const name = s.slice(0, colon);
      const after = s.slice(colon + 1);
      if (/^[A-Za-z]+$/.test(name) && after && !/^\s/.test(after) && !after.startsWith("//")) {
        field = FIELDS.indexOf(name);
        if (field < 0) {
          field = null;
          if (!FILTERS.includes(name)) throw new SearchError(FIELD_ERROR(name));
          facet = name;
        }
        s = after;
      }
    }
    let text, quoted, after;
    if (s.startsWith('"')) {
      const end = s.indexOf('"', 1);
      if (end < 0) throw new SearchError('the query has a quote (") that is not closed');
      text = s.slice(1, end); quoted = true; after = s.slice(end + 1);
    } else {
      const m = /\s/.exec(s);
      const end = m ? m.index : s.length;
      text = s.slice(0, end); quoted = false; after = s.slice(end);
    }
    // Where the token ends in the query, to tell the one being typed (search as you type).
    const end = query.length - after.length;
    if (facet) {
      const value = text.trim();
      if (!value) throw new SearchError(`\`${facet}:\` needs a value, as in ${facet}:${EXAMPLES[facet]}`);
      filters.push({ negated, facet, value, end });
    } else if (text.trim()) items.push({ negated, field, text, quoted, end });
    rest = after.trimStart();
  }
  return { items, filters };
}

// `value` as one of a facet's values: as written, or the one value that differs only in
// case; otherwise the error of src/index/query.rs match_value, naming the closest value.
function matchValue(facet, value, values) {
  if (values.includes(value)) return value;
  const lower = value.toLowerCase();
  const same = values.filter((v) => v.toLowerCase() === lower);
  if (same.length === 1) return same[0];
  const typed = Array.from(lower);
  const max = typed.length <= 4 ? 1 : 2;
  let best = null;
  for (const v of [...values].sort(cmpStr)) {
    const cand = Array.from(v.toLowerCase());
    if (Math.abs(cand.length - typed.length) > max) continue;
    const d = distance(typed, cand);
    if (d <= max && (best === null || d < best[0])) best = [d, v];
  }
  let message = `no incident has ${facet} \`${shorten(value)}\``;
  if (best) message += `; did you mean \`${best[1]}\`?`;
  throw new SearchError(message);
}

// Optimal string alignment distance, as src/index/vocab.rs.
function distance(a, b) {
  const w = b.length + 1;
  const d = new Array((a.length + 1) * w).fill(0);
  for (let i = 0; i <= a.length; i++) d[i * w] = i;
  for (let j = 0; j < w; j++) d[j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[(i - 1) * w + j] + 1, d[i * w + j - 1] + 1, d[(i - 1) * w + j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[(i - 2) * w + j - 2] + 1);
      d[i * w + j] = v;
    }
  }
  return d[a.length * w + b.length];
}
const maxEdits = (n) => (n <= 3 ? 0 : n <= 6 ? 1 : 2);
const cmpStr = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

function varints(bytes) {
  const out = [];
  for (let i = 0; i < bytes.length;) {
    let x = 0, shift = 0, b;
    do { b = bytes[i++]; x += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
    out.push(x);
  }
  return out;
}

// Calls visit(doc, tf, norm) for each posting of src/index/export.rs: twice the document's
// delta from the previous one, plus one when a term frequency other than 1 follows (as a
// varint), then the field-norm id.
function eachPosting(bytes, visit) {
  let doc = 0;
  for (let i = 0; i < bytes.length;) {
    let x = 0, shift = 0, b;
    do { b = bytes[i++]; x += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
    doc += Math.floor(x / 2);
    let tf = 1;
    if (x % 2) {
      tf = 0; shift = 0;
      do { b = bytes[i++]; tf += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
    }
    visit(doc, tf, bytes[i++]);
  }
}

// A binary search file: a 4-byte little-endian header length, a JSON header, then bytes.
function container(raw) {
  const bytes = raw instanceof Uint8Array ? raw : new Uint8Array(raw);
  const len = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true);
  return [JSON.parse(decoder.decode(bytes.subarray(4, 4 + len))), bytes.subarray(4 + len)];
}

// A facet value's documents, in the codec src/index/export.rs chose for it: varint deltas
// ("d"), runs of consecutive documents ("r") or a bitmap ("b").
function decodeSet(codec, bytes) {
  const docs = new Set();
  if (codec === "b") {
    for (let i = 0; i < bytes.length; i++) for (let bit = 0; bit < 8; bit++) if (bytes[i] & (1 << bit)) docs.add(i * 8 + bit);
  } else if (codec === "r") {
    const v = varints(bytes);
    for (let i = 0, end = 0; i < v.length; i += 2) {
      const start = end + v[i];
      end = start + v[i + 1];
      for (let d = start; d < end; d++) docs.add(d);
    }
  } else {
    let doc = 0;
    for (const x of varints(bytes)) { doc += x; docs.add(doc); }
  }
  return docs;
}

// Sorted shard keys -> the index of the shard that holds `word` (the last key <= word).
function shardOf(keys, word) {
  let lo = 0, hi = keys.length - 1, at = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (keys[mid] <= word) { at = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return at;
}

// Shards that may hold words starting with `prefix`.
function shardsFor(keys, prefix) {
  const out = [shardOf(keys, prefix)];
  for (let i = out[0] + 1; i < keys.length && keys[i].startsWith(prefix); i++) out.push(i);
  return out;
}

export class SearchIndex {
  // `load(url, kind)` fetches a file and returns its parsed JSON (kind "json") or its bytes
  // as an ArrayBuffer or Uint8Array (kind "bytes"); the default uses fetch.
  static async open(manifestUrl, { load } = {}) {
    const loader = load || (async (url, kind) => {
      const res = await fetch(url);
      if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
      return kind === "bytes" ? res.arrayBuffer() : res.json();
    });
    return new SearchIndex(await loader(manifestUrl, "json"), loader);
  }

  constructor(manifest, load) {
    this.m = manifest;
    this.load = load;
    this.files = new Map();
    this.vocab = new Map(); // word -> [term, df]
    this.terms = new Map(); // term -> {f: [[field, idf, b64]], n, t}
    this.cards = new Map(); // doc -> [id, title, date, severity, excerpt]
    this.caches = manifest.fields.map(([, , avg]) => {
      const c = new Float64Array(256);
      for (let id = 0; id < 256; id++) c[id] = f(K1 * f(f(1 - B) + f(f(B * f(fieldnorm(id))) / f(avg))));
      return c;
    });
    this.facetData = null;
  }

  file(path, kind = "json") {
    if (!this.files.has(path)) {
      const p = this.load(this.m.base + path, kind);
      p.catch(() => this.files.delete(path));
      this.files.set(path, p);
    }
    return this.files.get(path);
  }

  async vocabShards(indices) {
    const shards = await Promise.all(indices.map((i) => this.file(`search/v/${this.m.vocab.files[i]}.json`)));
    for (const shard of shards) {
      for (const [word, v] of Object.entries(shard)) this.vocab.set(word, typeof v === "number" ? [word, v] : v);
    }
  }

  async loadWords(list) {
    const keys = this.m.vocab.keys;
    await this.vocabShards([...new Set(list.map((w) => shardOf(keys, w)))]);
  }

  async loadTerms(list) {
    const keys = this.m.postings.keys;
    const idx = [...new Set(list.filter((t) => !this.terms.has(t)).map((t) => shardOf(keys, t)))];
    const shards = await Promise.all(idx.map((i) => this.file(`search/p/${this.m.postings.files[i]}.bin`, "bytes")));
    for (const [k, raw] of shards.entries()) {
      const [shard, blob] = container(raw);
      for (const [t, e] of Object.entries(shard.t)) this.terms.set(t, { ...e, blob, shard: idx[k] });
      for (const [d, c] of Object.entries(shard.c)) this.cards.set(Number(d), c);
    }
  }

  async loadCards(docs) {
    const chunk = this.m.chunk;
    const want = [...new Set(docs.filter((d) => !this.cards.has(d)).map((d) => Math.floor(d / chunk)))];
    const chunks = await Promise.all(want.map((c) => this.file(`search/d/${this.m.cards[c]}.json`)));
    want.forEach((c, k) => chunks[k].forEach((card, i) => this.cards.set(c * chunk + i, card)));
  }

  // The facets file, as {name: [{value, label, docs: Set}]}.
  async facets() {
    if (!this.facetData) {
      this.facetData = this.file(`search/facets-${this.m.facets}.bin`, "bytes").then((raw) => {
        const [header, blob] = container(raw);
        const facets = {};
        let at = 0;
        for (const [name, values] of Object.entries(header)) {
          facets[name] = values.map(([value, label, codec, len]) => {
            const docs = decodeSet(codec, blob.subarray(at, at + len));
            at += len;
            return { value, label, docs };
          });
        }
        return facets;
      });
    }
    return this.facetData;
  }

  // The positions files of these (loaded) terms' shards: only phrases need them.
  async loadPositions(terms) {
    const entries = terms.map((t) => this.terms.get(t)).filter((e) => e && !e.positions);
    const idx = [...new Set(entries.map((e) => e.shard))];
    // A shard's positions file has the hash of its postings file.
    const files = await Promise.all(idx.map((i) => this.file(`search/q/${this.m.postings.files[i]}.bin`, "bytes")));
    const bytes = new Map(idx.map((i, k) => [i, files[k] instanceof Uint8Array ? files[k] : new Uint8Array(files[k])]));
    for (const e of entries) e.positions = bytes.get(e.shard);
  }

  // One term's postings in one field: doc -> [term frequency, field-norm id, positions].
  postings(term, field) {
    const entry = this.terms.get(term);
    const out = new Map();
    if (!entry) return out;
    for (const [fi, , at, len, pat, plen] of entry.f) {
      if (fi !== field) continue;
      const pos = entry.positions ? varints(entry.positions.subarray(pat, pat + plen)) : null;
      let p = 0;
      eachPosting(entry.blob.subarray(at, at + len), (doc, tf, norm) => {
        let positions = null;
        if (pos) {
          positions = new Set();
          for (let k = 0, last = 0; k < tf; k++) { last += pos[p++]; positions.add(last); }
        }
        out.set(doc, [tf, norm, positions]);
      });
    }
    return out;
  }

  // The (doc -> score) of a phrase (terms at their offsets) in one field, as tantivy's phrase
  // query scores it: BM25 with the sum of the terms' idfs, and as term frequency the number
  // of places where every term stands at its offset from the first.
  phraseLeaf(terms, offsets, field) {
    const out = new Map();
    const lists = terms.map((t) => this.postings(t, field));
    if (lists.some((l) => !l.size)) return out;
    let idf = 0;
    for (const t of terms) idf = f(idf + f(this.terms.get(t).f.find(([fi]) => fi === field)[1]));
    const boost = this.m.fields[field][1];
    let weight = f(idf * ONE_PLUS_K1);
    if (boost !== 1) weight = f(weight * f(boost));
    const cache = this.caches[field];
    const [first, ...rest] = lists;
    for (const [doc, [, norm, positions]] of first) {
      if (!rest.every((l) => l.has(doc))) continue;
      let tf = 0;
      for (const p of positions) {
        if (rest.every((l, k) => l.get(doc)[2].has(p + offsets[k + 1] - offsets[0]))) tf++;
      }
      if (tf) out.set(doc, f(weight * f(tf / f(tf + cache[norm]))));
    }
    return out;
  }

  // The (doc -> score) of one term in one field.
  leaf(term, field) {
    const entry = this.terms.get(term);
    const out = new Map();
    if (!entry) return out;
    for (const [fi, idf, at, len] of entry.f) {
      if (fi !== field) continue;
      const boost = this.m.fields[fi][1];
      let weight = f(f(idf) * ONE_PLUS_K1);
      if (boost !== 1) weight = f(weight * f(boost));
      const cache = this.caches[fi];
      eachPosting(entry.blob.subarray(at, at + len), (doc, tf, norm) => out.set(doc, f(weight * f(tf / f(tf + cache[norm])))));
    }
    return out;
  }

  // Terms close to `word` (fuzzy retry): the KB's words with its first letter within 1 or 2
  // edits, as src/index/vocab.rs; and the nearest of those words (fewest edits, then first
  // in order), which "showing results for" names.
  async fuzzy(word) {
    const chars = Array.from(word);
    if (!chars.length) return { terms: [], nearest: null };
    const first = chars[0];
    await this.vocabShards(shardsFor(this.m.vocab.keys, first));
    const max = maxEdits(chars.length);
    const terms = new Set();
    let nearest = null;
    let best = Infinity;
    for (const [w, [t]] of this.vocab) {
      if (!w.startsWith(first)) continue;
      const cand = Array.from(w);
      if (Math.abs(cand.length - chars.length) > max) continue;
      const d = distance(chars, cand);
      if (d > max) continue;
      terms.add(t);
      if (d < best || (d === best && cmpStr(w, nearest) < 0)) [nearest, best] = [w, d];
    }
    return { terms: [...terms].sort(cmpStr), nearest };
  }

  // Completions of a word being typed: the most frequent KB words starting with it.
  async complete(prefix) {
    await this.vocabShards(shardsFor(this.m.vocab.keys, prefix).slice(0, 4));
    const found = [];
    for (const [w, [t, df]] of this.vocab) if (w.startsWith(prefix)) found.push([df, t]);
    found.sort((a, b) => b[0] - a[0] || cmpStr(a[1], b[1]));
    return [...new Set(found.slice(0, COMPLETIONS).map(([, t]) => t))].sort(cmpStr);
  }

  // Runs a query. Options: filters {severity, service, cause, category, tag, year}, limit,
  // offset, prefix (complete the last word: search as you type), facets (count them).
  async search(query, { filters = {}, limit = 10, offset = 0, prefix = false, facets = false } = {}) {
    const text = cut(query);
    const noWords = () => new SearchError(`\`${shorten(text.trim())}\` has no words to look for`);
    const wanted = FILTERS.filter((name) => String(filters[name] || "").trim()).map((facet) => ({ negated: false, facet, value: filters[facet] }));
    let items = [];
    if (!text.trim()) {
      if (!wanted.length) throw new SearchError("the query is empty: give one or more words to look for");
    } else {
      if (!/[\p{Alphabetic}\p{N}]/u.test(text)) throw noWords();
      const parsed = parse(text);
      items = parsed.items.map((it) => {
        const t = tokens(it.text);
        return { ...it, words: t.map(([, w]) => w), offsets: t.map(([p]) => p) };
      }).filter((it) => it.words.length);
      wanted.push(...parsed.filters);
    }
    // Search as you type: the token at the end of the query is still being typed.
    const typing = prefix && !/\s$/.test(text) ? text.length : -1;
    for (const w of wanted) w.open = w.end === typing;
    const [filter, facetData] = await this.filterSet(wanted, facets);
    const selects = items.some((it) => !it.negated) || wanted.some((w) => !w.negated);
    if (!selects) {
      if (!items.length && !wanted.length) throw noWords();
      throw new SearchError("the query has no words to look for, only -exclusions: add a word");
    }
    await this.loadWords(items.flatMap((it) => it.words));
    const open = items.find((it) => it.end === typing) || null;
    let clauses = [];
    for (const it of items) {
      let terms;
      if (it === open && !it.quoted && !it.negated && it.words.length === 1) {
        terms = await this.complete(it.words[0]);
        const exact = this.vocab.get(it.words[0]);
        if (exact && !terms.includes(exact[0])) terms = [...terms, exact[0]].sort(cmpStr);
        clauses.push({ ...it, alternatives: terms });
        continue;
      }
      terms = it.words.map((w) => (this.vocab.get(w) || [null])[0]);
      clauses.push({ ...it, terms });
    }
    let result = await this.run(clauses, filter);
    let fuzzy = false;
    let corrected;
    if (result.length === 0 && clauses.some((c) => !c.negated)) {
      const retry = [];
      const retried = [];
      for (const c of clauses) {
        if (c.quoted || c.negated || c.words.length !== 1) { retry.push(c); retried.push(itemText(c, c.text)); continue; }
        const { terms, nearest } = await this.fuzzy(c.words[0]);
        if (!terms.length) { retry.length = 0; break; }
        retry.push({ ...c, terms: undefined, alternatives: terms });
        retried.push(itemText(c, nearest));
      }
      if (retry.length) {
        result = await this.run(retry, filter);
        fuzzy = result.length > 0;
        if (fuzzy) [clauses, corrected] = [retry, retried.join(" ")];
      }
    }
    const page = result.slice(offset, offset + limit);
    await this.loadCards(page.map(([d]) => d));
    const hits = page.map(([doc, score]) => {
      const [id, title, date, severity, excerpt] = this.cards.get(doc);
      return { doc, id, title, date, severity, excerpt, score, url: `${this.m.base}incidents/${id}/` };
    });
    const terms = clauses.filter((c) => !c.negated).flatMap((c) => c.alternatives || c.terms).filter(Boolean);
    const out = { query: text, total: result.length, fuzzy, hits, terms };
    if (corrected !== undefined) out.corrected = corrected;
    if (facets) {
      out.facets = {};
      // Each value's documents in the result: walking whichever of the two sets is smaller.
      const found = new Set(result.map(([d]) => d));
      const count = (docs) => {
        let n = 0;
        if (docs.size < found.size) { for (const d of docs) if (found.has(d)) n++; } else for (const d of found) if (docs.has(d)) n++;
        return n;
      };
      for (const [name, values] of Object.entries(facetData)) {
        out.facets[name] = values
          .map((v) => [v.value, v.label, count(v.docs)])
          .filter((v) => v[2] > 0)
          .sort((a, b) => b[2] - a[2] || cmpStr(a[0], b[0]));
      }
    }
    return out;
  }

  // Filters [{negated, facet, value}] -> [{keep, drop}: the documents to keep (null: all) and
  // to leave out, or null without filters], and the facets file when asked for or needed. A
  // value no incident has is a SearchError.
  async filterSet(wanted, wantFacets) {
    if (!wanted.length && !wantFacets) return [null, null];
    const data = await this.facets();
    if (!wanted.length) return [null, data];
    let keep = null;
    const drop = new Set();
    for (const { negated, facet, value, open } of wanted) {
      const values = data[facet] || [];
      let docs;
      try {
        const chosen = matchValue(facet, value, values.map((v) => v.value));
        docs = values.find((v) => v.value === chosen).docs;
      } catch (e) {
        // A value being typed stands for every value it starts: `severity:se` is any SEV.
        const lower = value.toLowerCase();
        const started = open ? values.filter((v) => v.value.toLowerCase().startsWith(lower)) : [];
        if (!started.length) throw e;
        docs = new Set(started.flatMap((v) => [...v.docs]));
      }
      if (negated) for (const d of docs) drop.add(d);
      else keep = keep ? new Set([...keep].filter((d) => docs.has(d))) : docs;
    }
    return [{ keep, drop }, data];
  }

  // Clauses -> [doc, score] ranked. A clause has `terms` (its words' terms, exact) or
  // `alternatives` (any one of these terms: fuzzy or completed words). Without a positive
  // clause, the filter's documents, newest first (document numbers are in that order), each
  // scored 0. Ties go to the smaller document number: the newest, then the smaller id.
  async run(clauses, filter) {
    await this.loadTerms(clauses.flatMap((c) => c.terms || c.alternatives).filter(Boolean));
    const phrases = clauses.filter((c) => c.terms && c.terms.length > 1 && c.terms.every(Boolean));
    await this.loadPositions(phrases.flatMap((c) => c.terms));
    const fields = (c) => (c.field === null ? FIELDS.map((_, i) => i) : [c.field]);
    let matched = null;
    const leaves = [];
    const excluded = new Set();
    for (const c of clauses) {
      const docs = new Set();
      for (const fi of fields(c)) {
        let groups;
        if (c.alternatives) groups = c.alternatives.map((t) => [t]);
        else groups = [c.terms];
        for (const group of groups) {
          if (group.some((t) => t === null)) continue;
          // Several words (a phrase, or a hyphenated word): in this field, in that order.
          const leaf = group.length === 1 ? this.leaf(group[0], fi) : this.phraseLeaf(group, c.offsets, fi);
          for (const d of leaf.keys()) docs.add(d);
          if (!c.negated) leaves.push(leaf);
        }
      }
      if (c.negated) { for (const d of docs) excluded.add(d); continue; }
      matched = matched ? new Set([...matched].filter((d) => docs.has(d))) : docs;
    }
    const out = (d) => excluded.has(d) || (filter && ((filter.keep && !filter.keep.has(d)) || filter.drop.has(d)));
    if (matched === null) {
      // No positive clause: a query of filters lists what they keep, newest first.
      return filter && filter.keep ? [...filter.keep].filter((d) => !out(d)).sort((a, b) => a - b).map((d) => [d, 0]) : [];
    }
    const ranked = [];
    for (const d of matched) {
      if (out(d)) continue;
      let score = 0;
      for (const leaf of leaves) {
        const s = leaf.get(d);
        if (s !== undefined) score = f(score + s);
      }
      ranked.push([d, score]);
    }
    ranked.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    return ranked;
  }
}

// ---------------------------------------------------------------------------------------
// The page: the header's search box and the search page.

const FACETS = [["severity", "Severity"], ["service", "Service"], ["cause", "Cause"], ["category", "Category"], ["year", "Year"]];

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

// Text with the words that match the query's terms (by their vocabulary term, or by prefix)
// in <mark>.
function highlight(text, terms, index) {
  if (!terms.length) return esc(text);
  let out = "", last = 0;
  for (const m of text.matchAll(WORD)) {
    const w = lowerWord(m[0]);
    const known = index && index.vocab.get(w);
    const hit = terms.some((t) => (known ? known[0] === t : w.startsWith(t)));
    out += esc(text.slice(last, m.index)) + (hit ? `<mark>${esc(m[0])}</mark>` : esc(m[0]));
    last = m.index + m[0].length;
  }
  return out + esc(text.slice(last));
}

// The server's search API (hindsight serve), with hits shaped like the static client's.
async function apiSearch(api, base, query, filters, limit) {
  // The year goes into the query as year:YYYY: the incident's own year, as the static
  // search counts it, and a filter the server lists on its own.
  const q = filters.year ? `${query} year:${filters.year}`.trim() : query;
  const params = new URLSearchParams({ q, limit: String(limit) });
  for (const [k, v] of Object.entries(filters)) if (v && k !== "year") params.set(k, v);
  const res = await fetch(`${api}?${params}`);
  const body = await res.json();
  if (!res.ok) throw new SearchError(body.error || `HTTP ${res.status}`);
  const facets = {};
  for (const [name, values] of Object.entries(body.facets || {})) facets[name] = values.map(([v, n]) => [v, v, n]);
  return {
    total: body.total,
    fuzzy: body.fuzzy,
    corrected: body.corrected,
    terms: [],
    facets,
    hits: body.hits.map((h) => ({ ...h, url: `${base}incidents/${h.id}/`, excerptHtml: h.snippet })),
  };
}

function backend(el) {
  const api = document.querySelector('meta[name="hindsight-search-api"]')?.content;
  const manifest = el.dataset.search;
  const base = new URL(manifest, location.href).pathname.replace(/search\/[^/]*$/, "");
  let index = null;
  const get = () => (index ||= SearchIndex.open(manifest));
  return {
    index: () => index,
    async search(query, opts) {
      if (api) {
        // The API has no offset: a later page asks for everything up to it.
        const offset = opts.offset || 0;
        const r = await apiSearch(api, base, query, opts.filters || {}, offset + (opts.limit || 10));
        r.hits = r.hits.slice(offset);
        return r;
      }
      const ix = await get();
      const r = await ix.search(query, opts);
      r.ix = ix;
      return r;
    },
  };
}

function hitHtml(h, r) {
  const ix = r.ix || null;
  const excerpt = h.excerptHtml !== undefined ? h.excerptHtml : highlight(h.excerpt || "", r.terms, ix);
  return `<li class="search-hit"><a href="${esc(h.url)}">${highlight(h.title, r.terms, ix)}</a>` +
    `<span class="search-meta"><time datetime="${esc(h.date)}">${esc(h.date)}</time> · <span class="sev">${esc(h.severity)}</span></span>` +
    (excerpt ? `<p>${excerpt}</p>` : "") + "</li>";
}

function status(r) {
  const n = r.total;
  const found = `${n} incident${n === 1 ? "" : "s"}`;
  return r.fuzzy ? `No exact matches; ${found} for “${r.corrected}”.` : `${found} found.`;
}

// The header box: results as you type, Enter opens the search page.
export function attachBox(form) {
  const input = form.querySelector("input[type=search]");
  const panel = form.querySelector("[data-search-results]");
  const engine = backend(form);
  let seq = 0;
  const close = () => { panel.hidden = true; input.setAttribute("aria-expanded", "false"); };
  const update = async () => {
    const q = input.value;
    const mine = ++seq;
    if (!q.trim()) { close(); return; }
    let html;
    try {
      const r = await engine.search(q, { prefix: true, limit: 6 });
      if (mine !== seq) return;
      const more = `<a class="search-all" href="${esc(form.action)}?q=${encodeURIComponent(q)}">All results for “${esc(q)}”</a>`;
      html = r.total ? `<ol>${r.hits.map((h) => hitHtml(h, r)).join("")}</ol>${more}` : `<p>${esc(status(r))}</p>`;
    } catch (e) {
      if (mine !== seq) return;
      html = `<p>${esc(e instanceof SearchError ? e.message : "Search is unavailable.")}</p>`;
    }
    panel.innerHTML = html;
    panel.hidden = false;
    input.setAttribute("aria-expanded", "true");
  };
  input.addEventListener("input", update);
  input.addEventListener("keydown", (e) => { if (e.key === "Escape") { close(); input.blur(); } });
  form.addEventListener("focusout", (e) => { if (!form.contains(e.relatedTarget)) close(); });
  if (input.value) update();
}

// Results per page on the search page: a one-word query's first page comes with its postings.
const PAGE = 10;

// The search page: the query from ?q=, facet filters with counts, results as you type.
export function attachPage(page) {
  const input = page.querySelector("input[type=search]");
  const out = page.querySelector("[data-search-hits]");
  const note = page.querySelector("[data-search-status]");
  const side = page.querySelector("[data-search-facets]");
  const engine = backend(page);
  const params = new URLSearchParams(location.search);
  const filters = {};
  for (const [name] of FACETS) if (params.get(name)) filters[name] = params.get(name);
  input.value = params.get("q") || "";
  let seq = 0;
  const update = async () => {
    const q = input.value;
    const mine = ++seq;
    const url = new URL(location.href);
    url.search = "";
    if (q) url.searchParams.set("q", q);
    for (const [k, v] of Object.entries(filters)) if (v) url.searchParams.set(k, v);
    history.replaceState(null, "", url);
    if (!q.trim() && !Object.values(filters).some(Boolean)) { out.innerHTML = ""; side.innerHTML = ""; note.textContent = "Type to search every post-mortem."; return; }
    try {
      // Results first: the facet counts need the facets file, which the first query of a
      // visit would otherwise wait for.
      const r = await engine.search(q, { prefix: true, limit: PAGE, filters });
      if (mine !== seq) return;
      note.textContent = status(r);
      out.innerHTML = r.hits.map((h) => hitHtml(h, r)).join("");
      showMore(r.total > r.hits.length ? async () => {
        const next = await engine.search(q, { prefix: true, limit: PAGE, offset: out.children.length, filters });
        if (mine !== seq) return false;
        out.insertAdjacentHTML("beforeend", next.hits.map((h) => hitHtml(h, next)).join(""));
        return out.children.length < next.total;
      } : null);
      const counted = r.facets ? r : await engine.search(q, { prefix: true, limit: 0, filters, facets: true });
      if (mine !== seq) return;
      side.innerHTML = FACETS.map(([name, title]) => {
        const values = (counted.facets[name] || []).slice(0, 12);
        if (!values.length && !filters[name]) return "";
        const chosen = filters[name];
        const buttons = values.map(([v, label, n]) =>
          `<li><button type="button" data-facet="${esc(name)}" data-value="${esc(v)}" aria-pressed="${chosen === v}">${esc(label)} <span class="count">${n}</span></button></li>`).join("");
        const clear = chosen ? `<li><button type="button" data-facet="${esc(name)}" data-value="">Any ${esc(title.toLowerCase())}</button></li>` : "";
        return `<section><h2>${esc(title)}</h2><ul>${buttons}${clear}</ul></section>`;
      }).join("");
    } catch (e) {
      if (mine !== seq) return;
      out.innerHTML = "";
      side.innerHTML = "";
      showMore(null);
      note.textContent = e instanceof SearchError ? e.message : "Search is unavailable.";
    }
  };
  // The "More results" button under the list: `next` adds a page and says whether more remain.
  const more = page.querySelector("[data-search-more]");
  let next = null;
  const showMore = (fn) => { next = fn; more.hidden = !fn; };
  more.addEventListener("click", async () => {
    const fn = next;
    if (!fn) return;
    more.disabled = true;
    try {
      if (!(await fn()) && next === fn) showMore(null);
    } finally {
      more.disabled = false;
    }
  });
  side.addEventListener("click", (e) => {
    const b = e.target.closest("button[data-facet]");
    if (!b) return;
    const { facet, value } = b.dataset;
    filters[facet] = filters[facet] === value ? "" : value;
    update();
  });
  input.addEventListener("input", update);
  page.querySelector("form").addEventListener("submit", (e) => { e.preventDefault(); update(); });
  update();
}
