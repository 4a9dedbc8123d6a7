// hindsight search engine: the static site's search, in the browser and under Node, with no
// server and no page (search.js draws the page).
//
// Reads the files `hindsight build` derives from its tantivy index (search/manifest-*.json and
// the files it names, most of them deflated, which DecompressionStream inflates;
// docs/search-format.md describes every one) and ranks exactly as
// `hindsight search` does: tantivy's BM25 in f32 arithmetic, the query's (item, field, term)
// scores added in query order, ties to the earlier document (documents are numbered newest
// first). What both searches must agree on (the fields and their boosts, the filters, the
// query limits, BM25's k1 and b, the messages of a refused query) comes from the manifest,
// which carries the contract of src/index/contract.rs: this module has no copy of its own.
//
// Words are looked up in the KB's vocabulary (every word form the KB uses, and common
// inflections of them, -> its stemmed term), so no stemmer is needed here; a form the
// vocabulary lacks finds nothing until the fuzzy retry, where `hindsight search` would stem
// it. Phrases ("quoted words", and words joined by punctuation such as web-app) are matched
// at their positions, from the positions files, fetched only for phrases, and scored as
// tantivy's phrase query scores them. Filters (the page's facets, or facet:value in the
// query) come from the facets file.
//
// A common word's postings may be split (in a large KB): its shard has the postings of its
// best documents, the set of all its documents and a bound on the score of any other; the
// rest, its tail, is in a file fetched only when the first page cannot be told without it
// (a phrase, a word in one field, or a document beyond the best ones that might rank on the
// page).
//
// Results have the shape of `hindsight search --json`: plain text, and the matched words as
// [start, end) ranges in UTF-16 code units (JavaScript string indices); whoever shows them
// escapes and marks them.

const f = Math.fround;

export class SearchError extends Error {}

// tantivy's field-norm id -> field length (fieldnorm/code.rs).
function fieldnorm(id) {
  if (id < 24) return id;
  const b = id - 24;
  const shift = b >> 3;
  return 24 + (shift === 0 ? b & 7 : ((b & 7) | 8) * 2 ** (shift - 1));
}

// The words of a text as the index splits them: runs of letters and digits.
const WORD = /[\p{Alphabetic}\p{Nd}\p{Nl}\p{No}]+/gu;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

// [position, word] of each word the index keeps, lowercased: a word of `maxBytes` bytes or
// more is dropped, but counts as a position, as in the index's analyzer (its offset in a
// phrase stays).
function tokens(text, maxBytes) {
  const out = [];
  let position = 0;
  for (const m of text.matchAll(WORD)) {
    if (encoder.encode(m[0]).length < maxBytes) out.push([position, lowerWord(m[0])]);
    position++;
  }
  return out;
}

// A word lowercased letter by letter, as tantivy's LowerCaser does (a final Σ is σ, not ς).
function lowerWord(w) {
  return /^[\x00-\x7f]*$/.test(w) ? w.toLowerCase() : Array.from(w, (c) => c.toLowerCase()).join("");
}

// Text shown back in a message: at most `n` characters, the last an ellipsis when cut.
function shorten(s, n) {
  const chars = Array.from(s);
  return chars.length > n ? chars.slice(0, n - 1).join("") + "…" : s;
}

// The query as searched: at most `max` characters, cut before the word or the quoted phrase
// that the limit falls in, so that a cut never leaves a quote open (as the index does).
function cut(query, max) {
  const chars = Array.from(query);
  if (chars.length <= max) return query;
  let text = chars.slice(0, max).join("");
  if (!/^\s/.test(chars[max])) {
    const at = text.search(/\s\S*$/);
    if (at >= 0) text = text.slice(0, at);
  }
  if ((text.match(/"/g) || []).length % 2) text = text.slice(0, text.lastIndexOf('"'));
  return text;
}

// Strings in code point order, the byte order the index sorts words and shard keys in
// (JavaScript's < compares UTF-16 units, which differs above U+FFFF).
function cmpStr(a, b) {
  if (a === b) return 0;
  for (let i = 0; ; ) {
    if (i >= a.length || i >= b.length) return (a.length > i) - (b.length > i);
    const x = a.codePointAt(i), y = b.codePointAt(i);
    if (x !== y) return x < y ? -1 : 1;
    i += x > 0xffff ? 2 : 1;
  }
}

// The edits allowed for a word of `n` characters, by the contract's {one_from, two_from}.
const edits = (n, { one_from, two_from }) => (n >= two_from ? 2 : n >= one_from ? 1 : 0);

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

// The hash of the terms `a` then `b` (src/index/pairs.rs): 32-bit FNV-1a of `a`, a space and
// `b` as UTF-8, then MurmurHash3's finalizer.
export function pairHash(a, b) {
  let h = 0x811c9dc5;
  for (const byte of encoder.encode(`${a} ${b}`)) h = Math.imul(h ^ byte, 0x01000193);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function varints(bytes) {
  const out = [];
  for (let i = 0; i < bytes.length;) {
    let x = 0, shift = 0, b;
    do { b = bytes[i++]; x += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
    out.push(x);
  }
  return out;
}

// Calls visit(doc, tf, norm) for each posting: twice the document's delta from the previous
// one, plus one when a term frequency other than 1 follows (as a varint), then the field-norm
// id.
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

const asBytes = (raw) => (raw instanceof Uint8Array ? raw : new Uint8Array(raw));

// A file as the build stored it, deflated (zlib format), inflated by the browser's (or
// Node's) own DecompressionStream.
async function inflate(raw) {
  const stream = new Blob([asBytes(raw)]).stream().pipeThrough(new DecompressionStream("deflate"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

// A container file: a 4-byte little-endian header length, a JSON header, then bytes.
function container(raw) {
  const bytes = asBytes(raw);
  const len = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true);
  return [JSON.parse(decoder.decode(bytes.subarray(4, 4 + len))), bytes.subarray(4 + len)];
}

// A set of documents (a facet value's, a split term's), in the codec the build chose for it:
// varint deltas ("d"), runs of consecutive documents ("r") or a bitmap ("b"); as their
// numbers, ascending, in a Uint32Array.
function decodeSet(codec, bytes) {
  const docs = [];
  if (codec === "b") {
    for (let i = 0; i < bytes.length; i++) for (let bit = 0; bit < 8; bit++) if (bytes[i] & (1 << bit)) docs.push(i * 8 + bit);
  } else if (codec === "r") {
    const v = varints(bytes);
    for (let i = 0, end = 0; i < v.length; i += 2) {
      const start = end + v[i];
      end = start + v[i + 1];
      for (let d = start; d < end; d++) docs.push(d);
    }
  } else {
    let doc = 0;
    for (const x of varints(bytes)) { doc += x; docs.push(doc); }
  }
  return Uint32Array.from(docs);
}

// Sorted shard keys -> the index of the shard that holds `word` (the last key <= word).
function shardOf(keys, word) {
  let lo = 0, hi = keys.length - 1, at = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cmpStr(keys[mid], word) <= 0) { at = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return at;
}

// Shards that may hold words starting with `prefix`, in order.
function shardsFor(keys, prefix) {
  const out = [shardOf(keys, prefix)];
  for (let i = out[0] + 1; i < keys.length && keys[i].startsWith(prefix); i++) out.push(i);
  return out;
}

// The query language of `hindsight search` (src/index/parse.rs): words, "phrases",
// -excluded, field:word, and facet:value filters, with the field and filter names of the
// manifest. Returns {items, filters}, each with where it ends in the query; throws a
// SearchError with the contract's message.
export function parse(query, ix) {
  const fields = ix.m.fields.map((fl) => fl.name);
  const filterNames = ix.c.filters.map((fl) => fl.name);
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
        field = fields.indexOf(name);
        if (field < 0) {
          field = null;
          if (!filterNames.includes(name)) throw ix.refuse("unknown_field", { name, fields: fields.join(", "), filters: filterNames.join(", ") });
          facet = name;
        }
        s = after;
      }
    }
    let text, quoted, after;
    if (s.startsWith('"')) {
      const end = s.indexOf('"', 1);
      if (end < 0) throw ix.refuse("unclosed_quote");
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
      if (!value) throw ix.refuse("missing_value", { filter: facet, example: ix.c.filters.find((fl) => fl.name === facet).example });
      filters.push({ negated, facet, value, end });
    } else if (text.trim()) items.push({ negated, field, text, quoted, end });
    rest = after.trimStart();
  }
  return { items, filters };
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
    this.c = manifest.contract;
    this.load = load;
    this.files = new Map();
    this.vocab = new Map(); // word -> {term, df}
    this.shardOfTerm = new Map(); // term -> the number of its postings shard
    // term -> {fields: [{field, idf, at, len, posAt, posLen, tailAt, tailLen, tailPosAt,
    // tailPosLen}], blob, shard, positions, and for a split term docs (all of them), top
    // (those whose postings the shard has), bound (the most any other scores) and tail (its
    // tail file, once fetched)}
    this.terms = new Map();
    this.cards = new Map(); // doc -> {id, title, date, severity, excerpt}
    const { k1, b } = this.c.bm25;
    this.k1 = f(k1);
    this.caches = manifest.fields.map(({ average_length: avg }) => {
      const c = new Float64Array(256);
      for (let id = 0; id < 256; id++) c[id] = f(this.k1 * f(f(1 - f(b)) + f(f(f(b) * f(fieldnorm(id))) / f(avg))));
      return c;
    });
    this.facetData = new Map(); // facet name -> promise of its values
  }

  // Base path of the site, as the manifest gives it (`/docs/kb/`).
  get base() {
    return this.m.base;
  }

  // A refusal with the contract's message `name`, its placeholders filled from `vars`.
  refuse(name, vars = {}) {
    return new SearchError(this.c.messages[name].replace(/\{(\w+)\}/g, (all, k) => (k in vars ? vars[k] : all)));
  }

  file(path, kind = "json") {
    if (!this.files.has(path)) {
      const p = this.load(this.m.base + path, kind);
      p.catch(() => this.files.delete(path));
      this.files.set(path, p);
    }
    return this.files.get(path);
  }

  // A deflated file (vocabulary, postings, positions, cards), inflated: its JSON (kind
  // "json") or its bytes. Each file is fetched and inflated once.
  packed(path, kind = "json") {
    const key = `${path} ${kind}`;
    if (!this.files.has(key)) {
      const p = this.file(path, "bytes").then(inflate).then((bytes) => (kind === "json" ? JSON.parse(decoder.decode(bytes)) : bytes));
      p.catch(() => this.files.delete(key));
      this.files.set(key, p);
    }
    return this.files.get(key);
  }

  async vocabShards(indices) {
    const shards = await Promise.all(indices.map((i) => this.packed(`search/v/${this.m.vocab.files[i]}.bin`)));
    for (const { words, terms, df, shards: steps } of shards) {
      let shard = 0;
      words.forEach((word, i) => {
        const term = terms[i] || word;
        shard += steps[i];
        this.vocab.set(word, { term, df: df[i] });
        this.shardOfTerm.set(term, shard);
      });
    }
  }

  async loadWords(list) {
    const keys = this.m.vocab.keys;
    await this.vocabShards([...new Set(list.map((w) => shardOf(keys, w)))]);
  }

  // The postings shards of these terms: each term's fields, with where their postings and
  // positions start (they follow each other in the order of the header), and the cards.
  async loadTerms(list) {
    // Every term comes from the vocabulary, which says which shard holds it.
    const idx = [...new Set(list.filter((t) => !this.terms.has(t) && this.shardOfTerm.has(t)).map((t) => this.shardOfTerm.get(t)))];
    const shards = await Promise.all(idx.map((i) => this.packed(`search/p/${this.m.postings.hash}-${i}.bin`, "bytes")));
    for (const [k, raw] of shards.entries()) {
      const [header, blob] = container(raw);
      let at = 0, posAt = 0, tailAt = 0;
      for (const { term, fields, docs, bound } of header.terms) {
        const located = fields.map(({ field, idf, bytes, position_bytes, tail_bytes = 0, tail_position_bytes = 0 }) => {
          const out = { field, idf, at, len: bytes, posAt, posLen: position_bytes, tailAt, tailLen: tail_bytes, tailPosAt: posAt + position_bytes, tailPosLen: tail_position_bytes };
          at += bytes;
          posAt += position_bytes + tail_position_bytes;
          tailAt += tail_bytes;
          return out;
        });
        const entry = { fields: located, blob, shard: idx[k] };
        if (docs) {
          entry.docs = decodeSet(docs.codec, blob.subarray(at, at + docs.bytes));
          at += docs.bytes;
          entry.top = new Set();
          for (const { at: from, len } of located) eachPosting(blob.subarray(from, from + len), (doc) => entry.top.add(doc));
          entry.tail = null;
          entry.bound = f(bound);
        }
        if (!this.terms.has(term)) this.terms.set(term, entry);
      }
      for (const [d, card] of Object.entries(header.cards)) this.cards.set(Number(d), card);
    }
  }

  async loadCards(docs) {
    const chunk = this.m.chunk;
    const want = [...new Set(docs.filter((d) => !this.cards.has(d)).map((d) => Math.floor(d / chunk)))];
    const chunks = await Promise.all(want.map((c) => this.packed(`search/d/${this.m.cards.hash}-${c}.bin`)));
    want.forEach((c, k) => chunks[k].forEach((card, i) => this.cards.set(c * chunk + i, card)));
  }

  // One facet's values, as [{value, label, docs}] (docs: their numbers, ascending), from its
  // own file (each facet has one, so that a page fetches only the facets it shows); [] for a
  // facet the KB has not.
  facet(name) {
    if (!this.facetData.has(name)) {
      const i = this.m.facets.names.indexOf(name);
      const data = i < 0 ? Promise.resolve([]) : this.file(`search/f/${this.m.facets.files[i]}.bin`, "bytes").then((raw) => {
        const [header, blob] = container(raw);
        let at = 0;
        const out = [];
        for (const { values, labels, codecs, bytes } of header.facets) {
          values.forEach((value, k) => {
            const docs = decodeSet(codecs[k], blob.subarray(at, at + bytes[k]));
            at += bytes[k];
            out.push({ value, label: labels ? labels[k] : value, docs });
          });
        }
        return out;
      });
      data.catch(() => this.facetData.delete(name));
      this.facetData.set(name, data);
    }
    return this.facetData.get(name);
  }

  // The named facets (every facet the KB has, by default), as {name: values}.
  async facets(names = this.m.facets.names) {
    const known = [...new Set(names)].filter((n) => this.m.facets.names.includes(n));
    const lists = await Promise.all(known.map((n) => this.facet(n)));
    return Object.fromEntries(known.map((n, i) => [n, lists[i]]));
  }

  // The files beside the postings shards of these (loaded) terms, each under its entry's
  // `key`: the positions ("q", only phrases need them) or, for split terms, the tails ("t").
  async attach(terms, dir, key) {
    const entries = terms.map((t) => this.terms.get(t)).filter((e) => e && !e[key] && (key !== "tail" || e.docs));
    const idx = [...new Set(entries.map((e) => e.shard))];
    // A shard's positions and tail files have the name of its postings file.
    const files = await Promise.all(idx.map((i) => this.packed(`search/${dir}/${this.m.postings.hash}-${i}.bin`, "bytes")));
    const bytes = new Map(idx.map((i, k) => [i, asBytes(files[k])]));
    for (const e of entries) e[key] = bytes.get(e.shard);
  }

  // One term's postings in one field: doc -> [term frequency, field-norm id, positions].
  postings(term, field) {
    const entry = this.terms.get(term);
    const out = new Map();
    if (!entry) return out;
    for (const fl of entry.fields) {
      if (fl.field !== field) continue;
      const parts = [[entry.blob, fl.at, fl.len, fl.posAt, fl.posLen]];
      if (entry.tail) parts.push([entry.tail, fl.tailAt, fl.tailLen, fl.tailPosAt, fl.tailPosLen]);
      for (const [bytes, at, len, posAt, posLen] of parts) {
        const pos = entry.positions ? varints(entry.positions.subarray(posAt, posAt + posLen)) : null;
        let p = 0;
        eachPosting(bytes.subarray(at, at + len), (doc, tf, norm) => {
          let positions = null;
          if (pos) {
            positions = new Set();
            for (let k = 0, last = 0; k < tf; k++) { last += pos[p++]; positions.add(last); }
          }
          out.set(doc, [tf, norm, positions]);
        });
      }
    }
    return out;
  }

  // BM25's weight for an idf (a sum of idfs, for a phrase) in a field: idf × (1 + k1), times
  // the field's boost, in f32 as tantivy computes it.
  weight(idf, field) {
    const boost = this.m.fields[field].boost;
    const weight = f(f(idf) * f(1 + this.k1));
    return boost === 1 ? weight : f(weight * f(boost));
  }

  // The (doc -> score) of a phrase (terms at their offsets) in one field, as tantivy's phrase
  // query scores it: BM25 with the sum of the terms' idfs, and as term frequency the number
  // of places where every term stands at its offset from the first.
  phraseLeaf(terms, offsets, field) {
    const out = new Map();
    const lists = terms.map((t) => this.postings(t, field));
    if (lists.some((l) => !l.size)) return out;
    let idf = 0;
    for (const t of terms) idf = f(idf + f(this.terms.get(t).fields.find((fl) => fl.field === field).idf));
    const weight = this.weight(idf, field);
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
    for (const { field: fi, idf, at, len, tailAt, tailLen } of entry.fields) {
      if (fi !== field) continue;
      const weight = this.weight(idf, fi);
      const cache = this.caches[fi];
      const visit = (doc, tf, norm) => out.set(doc, f(weight * f(tf / f(tf + cache[norm]))));
      eachPosting(entry.blob.subarray(at, at + len), visit);
      if (entry.tail) eachPosting(entry.tail.subarray(tailAt, tailAt + tailLen), visit);
    }
    return out;
  }

  // Terms closest to `word` (fuzzy retry): of the KB's words with its first letter within
  // the contract's fuzzy edits, those the fewest edits away, as src/index/vocab.rs; and the
  // nearest of them (then first in order), which "showing results for" names.
  async fuzzy(word) {
    const chars = Array.from(word);
    if (!chars.length) return { terms: [], nearest: null };
    const first = chars[0];
    await this.vocabShards(shardsFor(this.m.vocab.keys, first));
    const max = edits(chars.length, this.c.limits.fuzzy_edits);
    let terms = new Set();
    let nearest = null;
    let best = Infinity;
    for (const [w, { term }] of this.vocab) {
      if (!w.startsWith(first)) continue;
      const cand = Array.from(w);
      if (Math.abs(cand.length - chars.length) > max) continue;
      const d = distance(chars, cand);
      if (d > max || d > best) continue;
      if (d < best) terms = new Set();
      terms.add(term);
      if (d < best || cmpStr(w, nearest) < 0) [nearest, best] = [w, d];
    }
    return { terms: [...terms].sort(cmpStr), nearest };
  }

  // Completions of a word being typed, by the contract's rule (src/index/vocab.rs): of the
  // first `completion_window` KB words that start with it, in byte order, the `completions`
  // with the most documents (ties to the smaller term); their terms, sorted. The shards that
  // may hold such words are fetched four at a time until the window is full.
  async complete(prefix) {
    const { completions, completion_window: window } = this.c.limits;
    const keys = this.m.vocab.keys;
    const shards = shardsFor(keys, prefix);
    let started = [];
    for (let i = 0; i < shards.length;) {
      await this.vocabShards(shards.slice(i, (i += 4)));
      // Only the shards fetched in a row count: a later one may be loaded already.
      const bound = i < shards.length ? keys[shards[i]] : null;
      started = [...this.vocab].filter(([w]) => w.startsWith(prefix) && (bound === null || cmpStr(w, bound) < 0));
      if (started.length >= window) break;
    }
    const first = started.sort((a, b) => cmpStr(a[0], b[0])).slice(0, window).map(([, v]) => v);
    first.sort((a, b) => b.df - a.df || cmpStr(a.term, b.term));
    return [...new Set(first.slice(0, completions).map((v) => v.term))].sort(cmpStr);
  }

  // The ranges of `text` (UTF-16 code units) of the words that match `terms`: by their
  // vocabulary term when the word is loaded, else when the word starts with a term.
  highlights(text, terms) {
    const out = [];
    if (!terms.length) return out;
    for (const m of text.matchAll(WORD)) {
      const w = lowerWord(m[0]);
      const known = this.vocab.get(w);
      if (terms.some((t) => (known ? known.term === t : w.startsWith(t)))) out.push([m.index, m.index + m[0].length]);
    }
    return out;
  }

  // Runs a query. Options: filters {severity, service, cause, category, tag, year}, limit
  // (default: the manifest's page), offset, prefix (complete the word or filter value being
  // typed: search as you type), facets (count them: true for every facet, or a list of
  // names). Returns results shaped as `hindsight search --json`'s, with `facets` (those
  // asked for) only when asked for.
  async search(query, { filters = {}, limit = this.m.page, offset = 0, prefix = false, facets = false } = {}) {
    const { query_chars, shown_chars, word_bytes } = this.c.limits;
    const text = cut(query, query_chars);
    const noWords = () => this.refuse("no_words", { query: shorten(text.trim(), shown_chars) });
    const wanted = this.c.filters.map((fl) => fl.name).filter((name) => String(filters[name] || "").trim()).map((facet) => ({ negated: false, facet, value: filters[facet] }));
    let items = [];
    if (!text.trim()) {
      if (!wanted.length) throw this.refuse("empty");
    } else {
      if (!/[\p{Alphabetic}\p{N}]/u.test(text)) throw noWords();
      const parsed = parse(text, this);
      items = parsed.items.map((it) => {
        const t = tokens(it.text, word_bytes);
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
      throw this.refuse("only_exclusions");
    }
    const { result, clauses, fuzzy, corrected } = await this.ranked(items, filter, typing, offset + limit);
    const page = result.ranked.slice(offset, offset + limit);
    await this.loadCards(page.map(([d]) => d));
    const terms = clauses.filter((c) => !c.negated).flatMap((c) => c.alternatives || c.terms).filter(Boolean);
    const hits = page.map(([doc, score]) => {
      const { id, title, date, severity, excerpt } = this.cards.get(doc);
      const snippet = { text: excerpt, highlights: this.highlights(excerpt, terms) };
      return { doc, id, title, title_highlights: this.highlights(title, terms), date, severity, score, snippet };
    });
    const out = { query: text, total: result.total, fuzzy };
    if (corrected !== undefined) out.corrected = corrected;
    Object.assign(out, { highlight_unit: "utf-16", hits });
    if (facets) out.facets = countFacets(facetData, result.docs);
    return out;
  }

  // The items as clauses, ranked; when nothing matches, again with each single word as the
  // KB's words close to it. The word being typed (the item that ends at `typing`) stands for
  // its completions.
  async ranked(items, filter, typing, need) {
    await this.loadWords(items.flatMap((it) => it.words));
    const open = items.find((it) => it.end === typing) || null;
    let clauses = [];
    for (const it of items) {
      if (it === open && !it.quoted && !it.negated && it.words.length === 1) {
        let terms = await this.complete(it.words[0]);
        const exact = this.vocab.get(it.words[0]);
        if (exact && !terms.includes(exact.term)) terms = [...terms, exact.term].sort(cmpStr);
        clauses.push({ ...it, alternatives: terms });
        continue;
      }
      clauses.push({ ...it, terms: it.words.map((w) => (this.vocab.get(w) || { term: null }).term) });
    }
    let result = await this.run(clauses, filter, need);
    let fuzzy = false;
    let corrected;
    if (result.total === 0 && clauses.some((c) => !c.negated)) {
      const retry = [];
      const retried = [];
      for (const c of clauses) {
        if (c.quoted || c.negated || c.words.length !== 1) { retry.push(c); retried.push(this.itemText(c, c.text)); continue; }
        const { terms, nearest } = await this.fuzzy(c.words[0]);
        if (!terms.length) { retry.length = 0; break; }
        retry.push({ ...c, terms: undefined, alternatives: terms });
        retried.push(this.itemText(c, nearest));
      }
      if (retry.length) {
        result = await this.run(retry, filter, need);
        fuzzy = result.total > 0;
        if (fuzzy) [clauses, corrected] = [retry, retried.join(" ")];
      }
    }
    return { result, clauses, fuzzy, corrected };
  }

  // An item written back as a query would have it, with `text` for its text.
  itemText(it, text) {
    return (it.negated ? "-" : "") + (it.field === null ? "" : `${this.m.fields[it.field].name}:`) + (it.quoted ? `"${text}"` : text);
  }

  // `value` as one of a facet's values: as written, or the one value that differs only in
  // case; otherwise the refusal of src/index/query.rs match_value, naming the closest value.
  matchValue(facet, value, values) {
    if (values.includes(value)) return value;
    const lower = value.toLowerCase();
    const same = values.filter((v) => v.toLowerCase() === lower);
    if (same.length === 1) return same[0];
    const typed = Array.from(lower);
    const max = edits(typed.length, this.c.limits.value_edits);
    let best = null;
    for (const v of [...values].sort(cmpStr)) {
      const cand = Array.from(v.toLowerCase());
      if (Math.abs(cand.length - typed.length) > max) continue;
      const d = distance(typed, cand);
      if (d <= max && (best === null || d < best[0])) best = [d, v];
    }
    const shown = shorten(value, this.c.limits.shown_chars);
    if (best) throw this.refuse("unknown_value_closest", { filter: facet, value: shown, closest: best[1] });
    throw this.refuse("unknown_value", { filter: facet, value: shown });
  }

  // Filters [{negated, facet, value, open}] -> [{keep, drop}: the documents to keep (null:
  // all) and to leave out, or null without filters], and the facets to count (`wantFacets`:
  // true for all, or their names). Only the facets the filters name and those to count are
  // fetched. A value no incident has is a SearchError, unless it is being typed (`open`) and
  // starts some values: then it stands for all of them (`severity:se` is any SEV).
  async filterSet(wanted, wantFacets) {
    const names = wantFacets === true ? this.m.facets.names : wantFacets || [];
    if (!wanted.length && !wantFacets) return [null, null];
    const [data, counted] = await Promise.all([this.facets(wanted.map((w) => w.facet)), this.facets(names)]);
    if (!wanted.length) return [null, counted];
    // As masks: a byte per document, 1 for a document kept (or left out).
    const n = this.m.docs;
    let keep = null;
    const drop = new Uint8Array(n);
    for (const { negated, facet, value, open } of wanted) {
      const values = data[facet] || [];
      let docs;
      try {
        const chosen = this.matchValue(facet, value, values.map((v) => v.value));
        docs = values.find((v) => v.value === chosen).docs;
      } catch (e) {
        const lower = value.toLowerCase();
        const started = open ? values.filter((v) => v.value.toLowerCase().startsWith(lower)) : [];
        if (!started.length) throw e;
        docs = started.flatMap((v) => [...v.docs]);
      }
      if (negated) for (const d of docs) drop[d] = 1;
      else {
        const these = new Uint8Array(n);
        for (const d of docs) these[d] = 1;
        if (keep) for (let d = 0; d < n; d++) keep[d] &= these[d];
        else keep = these;
      }
    }
    return [{ keep, drop }, counted];
  }

  // Clauses -> {ranked, total, docs}: the documents matched, as many as `total`, in `docs`;
  // and of them, ranked as [doc, score], at least the first `need` (all of them when every
  // term is whole). Without a positive clause, the filter's documents, newest first (document
  // numbers are in that order), each scored 0. Ties go to the smaller document number: the
  // newest, then the smaller id. A split term's tail is fetched only when a phrase or a field
  // names it, or when a document beyond its best might rank among the first `need`.
  async run(clauses, filter, need = Infinity) {
    // A phrase with two words side by side that no text has side by side matches nothing:
    // it needs no postings, and a query that must have it finds nothing.
    const phrases = clauses.filter((c) => c.terms && c.terms.length > 1 && c.terms.every(Boolean));
    await this.rulePhrasesOut(phrases);
    if (phrases.some((c) => c.nowhere && !c.negated)) return { ranked: [], total: 0, docs: new Uint8Array(this.m.docs) };
    const live = clauses.filter((c) => !c.nowhere);
    await this.loadTerms(live.flatMap((c) => c.terms || c.alternatives).filter(Boolean));
    // A split term's set of documents is of every field: a word searched in one field, or in
    // a phrase, needs its whole postings.
    await this.attach(live.filter((c) => c.field !== null || (c.terms && c.terms.length > 1)).flatMap((c) => c.terms || c.alternatives).filter(Boolean), "t", "tail");
    await this.attach(live.filter((c) => phrases.includes(c)).flatMap((c) => c.terms), "q", "positions");
    const first = this.rank(clauses, filter, need);
    if (first) return first;
    await this.attach(live.flatMap((c) => c.terms || c.alternatives).filter(Boolean), "t", "tail");
    return this.rank(clauses, filter, need);
  }

  // Marks `nowhere` the phrases with two terms side by side (at offsets one apart) whose
  // pair is missing from the KB's adjacent pairs (src/index/pairs.rs): one small file per
  // pair, where the phrase's positions would be a common word's whole postings.
  async rulePhrasesOut(phrases) {
    const { bits, hash } = this.m.pairs;
    const checks = [];
    for (const c of phrases) {
      for (let k = 1; k < c.terms.length; k++) {
        if (c.offsets[k] - c.offsets[k - 1] !== 1) continue;
        // In floats, as JavaScript cannot shift by 32 (when `bits` is 0).
        const h = pairHash(c.terms[k - 1], c.terms[k]), span = 2 ** (32 - bits);
        checks.push({ c, file: Math.floor(h / span), low: h % span });
      }
    }
    const files = [...new Set(checks.map((x) => x.file))];
    // A file is its hashes' low bits as deltas: the codec of a set of documents.
    const sets = await Promise.all(files.map((i) => this.packed(`search/w/${hash}-${i}.bin`, "bytes").then((bytes) => new Set(decodeSet("d", bytes)))));
    const byFile = new Map(files.map((i, k) => [i, sets[k]]));
    for (const { c, file, low } of checks) if (!byFile.get(file).has(low)) c.nowhere = true;
  }

  // run() with the postings loaded: null when a term's tail is missing and might change the
  // first `need`. Sets of documents are masks, a byte per document; scores are added up leaf
  // by leaf in a Float32Array, which rounds each sum to f32 as tantivy does.
  rank(clauses, filter, need) {
    const n = this.m.docs;
    const fields = (c) => (c.field === null ? this.m.fields.map((_, i) => i) : [c.field]);
    // Each document's known score and the most it can score: its known scores added up with
    // the bound of each split term it has beyond the term's best documents (then it is
    // `unsure`).
    const score = new Float32Array(n), most = new Float32Array(n), unsure = new Uint8Array(n);
    let matched = null;
    let leaves = 0;
    const excluded = new Uint8Array(n);
    for (const c of clauses) {
      const docs = new Uint8Array(n);
      const groups = c.nowhere ? [] : c.alternatives ? c.alternatives.map((t) => [t]) : [c.terms];
      // The split words whose tails are not loaded: their documents beyond their best ones
      // match too (the clause searches every field).
      const split = groups.map((g) => {
        const e = g.length === 1 && this.terms.get(g[0]);
        return e && e.docs && !e.tail ? e : null;
      });
      for (const e of split) if (e) for (const d of e.docs) docs[d] = 1;
      const fs = fields(c);
      for (const fi of fs) {
        groups.forEach((group, g) => {
          if (group.some((t) => t === null)) return;
          // Several words (a phrase, or a hyphenated word): in this field, in that order.
          const leaf = group.length === 1 ? this.leaf(group[0], fi) : this.phraseLeaf(group, c.offsets, fi);
          for (const [d, s] of leaf) {
            docs[d] = 1;
            if (!c.negated) { score[d] += s; most[d] += s; }
          }
          if (c.negated) return;
          leaves++;
          // A split word's bound stands, in a document beyond its best, for all its fields:
          // it goes with the word's first leaf.
          const e = split[g];
          if (e && fi === fs[0]) for (const d of e.docs) if (!e.top.has(d)) { unsure[d] = 1; most[d] += e.bound; }
        });
      }
      if (c.negated) for (let d = 0; d < n; d++) excluded[d] |= docs[d];
      else if (matched) for (let d = 0; d < n; d++) matched[d] &= docs[d];
      else matched = docs;
    }
    const out = (d) => excluded[d] || (filter && ((filter.keep && !filter.keep[d]) || filter.drop[d]));
    const found = new Uint8Array(n);
    const ranked = [];
    if (matched === null) {
      // No positive clause: a query of filters lists what they keep, newest first.
      if (filter && filter.keep) for (let d = 0; d < n; d++) if (filter.keep[d] && !out(d)) { found[d] = 1; ranked.push([d, 0]); }
      return { ranked, total: ranked.length, docs: found };
    }
    let total = 0, mostUnsure = -1;
    for (let d = 0; d < n; d++) {
      if (!matched[d] || out(d)) continue;
      found[d] = 1;
      total++;
      if (unsure[d]) mostUnsure = Math.max(mostUnsure, most[d]);
      else ranked.push([d, score[d]]);
    }
    ranked.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    if (mostUnsure >= 0) {
      const k = Math.min(need, total);
      if (ranked.length < k) return null;
      // The most is of the bound's own order of addition: widened by the rounding another
      // order may make (f32 adds each term with a relative error of at most 2^-24).
      if (k > 0 && mostUnsure * (1 + 4 * (leaves + 1) * 2 ** -24) >= ranked[k - 1][1]) return null;
      ranked.length = k;
    }
    return { ranked, total, docs: found };
  }
}

// Each facet's values in the result, as {value, label, count}, most frequent first (then by
// value); values no result has are left out. `found` is the results' mask (a byte per
// document).
function countFacets(facetData, found) {
  const out = {};
  for (const [name, values] of Object.entries(facetData)) {
    out[name] = values
      .map((v) => {
        let count = 0;
        for (const d of v.docs) count += found[d];
        return { value: v.value, label: v.label, count };
      })
      .filter((v) => v.count > 0)
      .sort((a, b) => b.count - a.count || cmpStr(a.value, b.value));
  }
  return out;
}
