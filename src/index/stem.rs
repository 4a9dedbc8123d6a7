//! The index's analyzer: tantivy's `en_stem` (simple tokens under 40 bytes, lowercased, Snowball
//! English), registered in its place, with a stemmer that remembers the stems it has made. A
//! KB says the same few thousand words over and over, and stemming each of its millions of
//! tokens afresh was a tenth of a build's time; the terms are the same as tantivy's.

use rustc_hash::FxHashMap;
use std::borrow::Cow;
use tantivy::Index;
use tantivy::tokenizer::{
    LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, Token, TokenFilter, TokenStream,
    Tokenizer,
};

/// The name the schema's text fields give their analyzer.
pub const NAME: &str = "en_stem";

/// Remembered stems per analyzer, at most: past it, the memory starts again empty, so that a
/// KB of random strings costs memory in proportion to this, not to its size.
const MAX_REMEMBERED: usize = 100_000;

/// `index` with [`analyzer`] as its `en_stem`.
pub fn register(index: Index) -> Index {
    index.tokenizers().register(NAME, analyzer());
    index
}

/// Tokens as tantivy's `en_stem` makes them.
pub fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(super::contract::LIMITS.word_bytes))
        .filter(LowerCaser)
        .filter(RememberingStemmer)
        .build()
}

/// The term of a word already lowercased (as the index's `LowerCaser` lowercases it), as the
/// analyzer stems it. The vocabulary stems its words with this, not with the whole analyzer:
/// a lowercased word may hold a character that is not a letter (`İ` lowercases to `i` and a
/// combining dot), where the analyzer would split it again (`i̇stanbul` was the term `i`).
pub fn stem_word(lowercased: &str) -> String {
    match frostem::Stemmer::new(frostem::Algorithm::English).stem(lowercased) {
        Cow::Borrowed(s) => s.to_string(),
        Cow::Owned(s) => s,
    }
}

/// Snowball English, remembering.
#[derive(Clone, Copy)]
struct RememberingStemmer;

impl TokenFilter for RememberingStemmer {
    type Tokenizer<T: Tokenizer> = StemmerFilter<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> StemmerFilter<T> {
        StemmerFilter {
            inner,
            stems: FxHashMap::default(),
        }
    }
}

/// A tokenizer's stemmer and what it remembers. Each indexing thread clones the analyzer;
/// a clone starts with an empty memory instead of copying it.
struct StemmerFilter<T> {
    inner: T,
    stems: FxHashMap<String, String>,
}

impl<T: Clone> Clone for StemmerFilter<T> {
    fn clone(&self) -> Self {
        StemmerFilter {
            inner: self.inner.clone(),
            stems: FxHashMap::default(),
        }
    }
}

impl<T: Tokenizer> Tokenizer for StemmerFilter<T> {
    type TokenStream<'a> = StemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        StemmerStream {
            tail: self.inner.token_stream(text),
            stems: &mut self.stems,
        }
    }
}

struct StemmerStream<'a, S> {
    tail: S,
    stems: &'a mut FxHashMap<String, String>,
}

impl<S: TokenStream> TokenStream for StemmerStream<'_, S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if let Some(stem) = self.stems.get(&token.text) {
            token.text.clear();
            token.text.push_str(stem);
            return true;
        }
        let stem = stem_word(&token.text);
        if self.stems.len() >= MAX_REMEMBERED {
            self.stems.clear();
        }
        let word = std::mem::replace(&mut token.text, stem.clone());
        self.stems.insert(word, stem);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::TokenizerManager;

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(t) = stream.next() {
            out.push((t.text.clone(), t.position, t.offset_from, t.offset_to));
        }
        out
    }

    #[test]
    fn a_word_lowercased_is_stemmed_whole_as_the_index_stems_it() {
        // The index's term of each word of a text, against stem_word of the word lowercased
        // letter by letter (as the vocabulary gathers it).
        let text = "İstanbul airport DEPLOYMENTS Ærøskøbing ΣΟΦΙΑ";
        let indexed: Vec<String> = tokens(&mut analyzer(), text)
            .into_iter()
            .map(|t| t.0)
            .collect();
        let words: Vec<String> = text
            .split(' ')
            .map(|w| stem_word(&w.chars().flat_map(char::to_lowercase).collect::<String>()))
            .collect();
        assert_eq!(indexed, words);
        assert_eq!(indexed[0], "i\u{307}stanbul");
    }

    #[test]
    fn makes_the_tokens_tantivys_en_stem_makes() {
        let text = "Deployments deployed; the DEPLOYER's deploying re-deploys. Connections \
                    connected, Ærøskøbing naïve façades, ran running runs 42 hours \
                    a_very_long_identifier_that_goes_on_past_forty_bytes";
        let expected = tokens(&mut TokenizerManager::default().get(NAME).unwrap(), text);
        assert!(expected.iter().any(|t| t.0 == "deploy"));
        // Twice through one analyzer: the second time, the stems are remembered ones.
        let mut ours = analyzer();
        for _ in 0..2 {
            assert_eq!(tokens(&mut ours, text), expected);
        }
    }
}
