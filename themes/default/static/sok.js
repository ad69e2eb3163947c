/* sthandbok search: answers queries in the browser from the index the build wrote to
 * <region>/sok/. The Swedish pipeline (tokenize, stop words, folding, stemming) mirrors
 * src/search/swedish.rs and reads the same data, shipped in the index's meta file; the cases in
 * tests/search_cases.json are run against both. Nothing is sent anywhere. */
(function () {
  "use strict";

  // ---- Loading: every index file is also a script, so search works opened from disk. ----
  var pending = {};
  var loaded = {};
  window.sthandbokSok = function (name, data) {
    loaded[name] = data;
    if (pending[name]) { pending[name].resolve(data); }
  };

  function load(root, name) {
    if (loaded[name]) { return Promise.resolve(loaded[name]); }
    if (!pending[name]) {
      var entry = {};
      entry.promise = new Promise(function (resolve, reject) {
        entry.resolve = resolve;
        var script = document.createElement("script");
        script.src = root + "sok/" + name + ".js";
        script.async = true;
        script.onerror = function () { delete pending[name]; reject(new Error("Kunde inte läsa " + name)); };
        document.head.appendChild(script);
      });
      pending[name] = entry;
    }
    return pending[name].promise;
  }

  // ---- The Swedish pipeline, as in src/search/swedish.rs. ----
  function Swedish(data) {
    this.foldMap = data.fold;
    this.stopWords = {};
    for (var i = 0; i < data.stopWords.length; i++) { this.stopWords[data.stopWords[i]] = true; }
    this.suffixes = data.suffixes.slice().sort(function (a, b) {
      var byLength = Array.from(b[0]).length - Array.from(a[0]).length;
      return byLength !== 0 ? byLength : (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
    });
    this.minStem = data.minStem;
    this.rounds = data.rounds;
    this.synonyms = data.synonyms;
    this.filler = {};
    (data.filler || []).forEach(function (w) { this.filler[w] = true; }, this);
  }

  function isAlphanumeric(c) { return /[\p{L}\p{N}]/u.test(c); }
  function isDigit(c) { return c >= "0" && c <= "9"; }

  /* Words and numbers with where they stand in the text: [token, start, end] in characters. */
  Swedish.prototype.spans = function (text) {
    var chars = Array.from(text.toLowerCase());
    var spans = [];
    var i = 0;
    while (i < chars.length) {
      if (!isAlphanumeric(chars[i])) { i++; continue; }
      var start = i;
      var token = "";
      while (i < chars.length) {
        var c = chars[i];
        if (isAlphanumeric(c)) { token += c; i++; }
        else if (isNumberJoint(chars, i, token)) { if (c === ":" || c === ",") { token += c; } i++; }
        else { break; }
      }
      spans.push([token, start, i]);
    }
    return spans;
  };

  function isNumberJoint(chars, i, token) {
    var digitsBefore = token.length > 0 && /^[0-9:,]+$/.test(token);
    if (!digitsBefore || !isDigit(chars[i - 1])) { return false; }
    var after = 0;
    while (i + 1 + after < chars.length && isDigit(chars[i + 1 + after])) { after++; }
    var c = chars[i];
    if (c === ":" || c === ",") { return after > 0; }
    if (c === " " || c === "\u00a0" || c === "\u202f" || c === ".") {
      var next = chars[i + 4];
      return after === 3 && (next === undefined || !isAlphanumeric(next));
    }
    return false;
  }

  Swedish.prototype.tokenize = function (text) {
    return this.spans(text).map(function (s) { return s[0]; });
  };
  Swedish.prototype.isStopWord = function (token) { return this.stopWords[token] === true; };
  Swedish.prototype.fold = function (token) {
    var map = this.foldMap;
    return Array.from(token).map(function (c) { return map[c] || c; }).join("");
  };
  Swedish.prototype.hasDiacritics = function (token) {
    var map = this.foldMap;
    return Array.from(token).some(function (c) { return map[c] !== undefined; });
  };
  Swedish.prototype.stem = function (token) {
    if (/[0-9]/.test(token)) { return token; }
    var word = token;
    for (var round = 0; round < this.rounds; round++) {
      var length = Array.from(word).length;
      var found = null;
      for (var i = 0; i < this.suffixes.length; i++) {
        var suffix = this.suffixes[i][0];
        if (word.endsWith(suffix) && length - Array.from(suffix).length >= this.minStem) { found = this.suffixes[i]; break; }
      }
      if (!found) { break; }
      word = word.slice(0, word.length - found[0].length) + found[1];
    }
    var chars = Array.from(word);
    var a = chars[chars.length - 2];
    var b = chars[chars.length - 1];
    if (chars.length > this.minStem && a === b && "aeiouyåäö".indexOf(a) < 0) { word = chars.slice(0, -1).join(""); }
    return word;
  };
  Swedish.prototype.terms = function (text) {
    var self = this;
    return this.tokenize(text)
      .filter(function (t) { return !self.isStopWord(t); })
      .map(function (t) { return self.stem(self.fold(t)); });
  };

  // ---- Searching. ----
  /* The kinds by the letter the meta file gives each document. */
  var KIND_NAMES = { s: "sida", r: "roll", c: "checklista", a: "avtal" };
  var MAX_QUERY = 200;
  var MAX_WORDS = 12;

  function Searcher(root, meta) {
    this.root = root;
    this.meta = meta;
    this.sv = new Swedish(meta.swedish);
    this.fields = meta.fields;
  }

  /* The query's words: folded stem, the unfolded stem when it has å ä ö, and the folded word
   * itself. Only the word being typed (the last, while the reader types) matches as a prefix;
   * a finished word matches as a prefix only when nothing matches it whole (see mend). */
  Searcher.prototype.parse = function (query, typing) {
    var sv = this.sv;
    var words = [];
    var tokens = sv.tokenize(query.slice(0, MAX_QUERY)).filter(function (t) { return !sv.isStopWord(t); });
    var open = typing && !/\s$/.test(query);
    tokens = tokens.slice(0, MAX_WORDS);
    // Words of a question ("vad gör", "hur ofta") count for little, unless they are all there is.
    var content = tokens.some(function (t) { return sv.filler[t] !== true; });
    tokens.forEach(function (token, i) {
      var folded = sv.fold(token);
      var filler = content && sv.filler[token] === true;
      // A genitive ("verksamhetschefens") also finds the word it is formed from.
      var genitive = /s$/.test(folded) && Array.from(folded).length >= 5 ? sv.stem(folded.slice(0, -1)) : null;
      words.push({
        original: token,
        filler: filler,
        weight: filler ? 0.3 : 1,
        base: genitive !== sv.stem(folded) ? genitive : null,
        prefix: open && i === tokens.length - 1,
        stem: sv.stem(folded),
        folded: folded,
        exact: sv.hasDiacritics(token) ? sv.stem(token) : null,
        synonyms: sv.synonyms[sv.stem(folded)] || []
      });
    });
    return words;
  };

  /* Terms are filed under their first three letters (src/search/mod.rs, shard_key). */
  Searcher.prototype.shardFor = function (term) {
    var shard = this.meta.shards[Array.from(term).slice(0, 3).join("")];
    return shard === undefined ? null : "t" + shard;
  };

  /* Ranks the documents for `query`, keeps those of `kind` (all when empty), and loads the
   * best `limit` of them. */
  Searcher.prototype.search = function (query, limit, kind, typing) {
    var self = this;
    var words = this.parse(query, typing);
    if (words.length === 0) { return Promise.resolve({ words: words, hits: [], total: 0 }); }
    var kinds = this.meta.kinds;
    var names = {};
    words.forEach(function (w) {
      [w.stem, w.folded, w.exact].concat(w.synonyms).forEach(function (t) {
        if (t) { var s = self.shardFor(t); if (s) { names[s] = true; } }
      });
    });
    var mended = null;
    return Promise.all(Object.keys(names).map(function (n) { return load(self.root, n); }))
      .then(function (shards) { return self.mend(words, shards); })
      .then(function (repair) {
        mended = repair.mended;
        words = repair.words;
        return self.score(words, repair.shards);
      })
      .then(function (ranked) {
        if (kind) { ranked = ranked.filter(function (r) { return kinds.charAt(r.doc) === kind.charAt(0); }); }
        return self.documents(ranked.slice(0, limit * 2)).then(function (hits) {
          hits = self.group(self.rerank(hits, words), limit);
          var result = { words: words, hits: hits, total: ranked.length, mended: mended, suggestions: [] };
          if (hits.length > 0 || kind) { return result; }
          return self.suggest(query, typing).then(function (suggestions) { result.suggestions = suggestions; return result; });
        });
      });
  };

  /* Hits grouped by page, in the order of each page's best hit: a page's best sections (at
   * most three) follow each other, so one page never fills the list. */
  Searcher.prototype.group = function (hits, limit) {
    var pages = [];
    var byPage = {};
    hits.forEach(function (hit) {
      var page = hit.url.split("#")[0];
      if (!byPage[page]) { byPage[page] = []; pages.push(page); }
      if (byPage[page].length < 3) { byPage[page].push(hit); }
    });
    var grouped = [];
    pages.forEach(function (page) {
      byPage[page].forEach(function (hit, i) { hit.more = i > 0; grouped.push(hit); });
    });
    return grouped.slice(0, limit);
  };

  /* When nothing is found: for each query word, the region's words a reader may have meant
   * (one edit more than a correction may make, and one for words of four letters), each as
   * the query with that word replaced. */
  Searcher.prototype.suggest = function (query, typing) {
    var words = this.parse(query, typing);
    return this.nearby(words, 1).then(function (near) {
      var suggestions = [];
      words.forEach(function (w, k) {
        near[k].forEach(function (e) {
          var replaced = query.replace(new RegExp(escapeRegExp(w.original), "i"), e.shown);
          if (suggestions.every(function (s) { return s.query !== replaced; })) {
            suggestions.push({ word: e.shown, query: replaced });
          }
        });
      });
      return suggestions.slice(0, 3);
    });
  };

  function escapeRegExp(text) { return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

  /* Whether any term of the loaded shards matches the query word. */
  Searcher.prototype.found = function (word, shards) {
    var self = this;
    return shards.some(function (shard) {
      return Object.keys(shard).some(function (term) { return self.termMatches(term, word); });
    });
  };

  /* A query word that matches nothing in the index is mended: split into two words the index
   * knows (a compound the handbook writes apart, "kursavgift" for "kurs … avgift"), or else
   * corrected to the nearest words of the index's own vocabulary, one letter off for words of
   * five to seven letters and two for longer ones. Short words, numbers and references are left
   * as they are, so a word the handbook does not have never matches "på" or "se". Returns the
   * words to search for, every shard they need, and the query as mended (null if unchanged). */
  Searcher.prototype.mend = function (words, shards) {
    var self = this;
    var sv = this.sv;
    var lost = words.filter(function (w) { return !self.found(w, shards); });
    // A finished word that matches nothing whole may be the start of words the index has.
    lost = lost.filter(function (w) {
      if (Array.from(w.folded).length < 3) { return true; }
      w.prefix = true;
      if (self.found(w, shards)) { return false; }
      w.prefix = false;
      return true;
    });
    lost = lost.filter(function (w) { return !/[0-9]/.test(w.folded); });
    if (lost.length === 0) { return Promise.resolve({ words: words, shards: shards, mended: null }); }
    // Compounds: a head the index knows, then the shards of the tails after such heads. A head
    // of two letters ("st" in "stläkare") is filed in a shard of its own.
    var shortHeads = {};
    lost.forEach(function (w) {
      var name = self.shardFor(Array.from(w.folded).slice(0, 2).join(""));
      if (name) { shortHeads[name] = true; }
    });
    return Promise.all(Object.keys(shortHeads).map(function (n) { return load(self.root, n).catch(function () { return {}; }); }))
      .then(function (heads) { return self.split(words, lost, shards.concat(heads)); });
  };

  /* Whether `term` is in the index (its shard loaded). */
  Searcher.prototype.has = function (term) {
    var name = this.shardFor(term);
    return name !== null && loaded[name] !== undefined && loaded[name][term] !== undefined;
  };

  /* Mends the `lost` words of the query: each into a compound's two parts the index knows, or
   * else to its nearest index terms (see mend). */
  Searcher.prototype.split = function (words, lost, shards) {
    var self = this;
    var sv = this.sv;
    var splits = [];
    var needed = {};
    lost.forEach(function (w) {
      var chars = Array.from(w.folded);
      for (var i = chars.length - 3; i >= 2; i--) {
        var head = chars.slice(0, i).join("");
        var tail = chars.slice(i).join("");
        var heads = [head];
        if (head.length > 3 && head.charAt(head.length - 1) === "s") { heads.push(head.slice(0, -1)); }
        heads.forEach(function (h) {
          var headTerm = self.has(h) ? h : self.has(sv.stem(h)) ? sv.stem(h) : null;
          if (!headTerm) { return; }
          var tailTerm = sv.stem(tail);
          // Shown as the reader wrote it (folding keeps one letter for one letter).
          var written = Array.from(w.original);
          var shownHead = written.slice(0, Array.from(h).length).join("");
          splits.push({ word: w, head: headTerm, tail: tailTerm, raw: [shownHead, written.slice(i).join("")] });
          var name = self.shardFor(tailTerm);
          if (name) { needed[name] = true; }
        });
      }
    });
    return Promise.all(Object.keys(needed).map(function (n) { return load(self.root, n).catch(function () { return {}; }); }))
      .then(function (more) {
        var all = shards.concat(more);
        // The first split found (the longest head) whose tail the index knows.
        var replaced = {};
        splits.forEach(function (split) {
          if (!replaced[split.word.folded] && self.has(split.tail)) { replaced[split.word.folded] = split; }
        });
        var unsplit = lost.filter(function (w) { return !replaced[w.folded]; });
        return self.nearby(unsplit, 0).then(function (near) {
          var shardsOfNear = {};
          near.forEach(function (entries) {
            entries.forEach(function (e) { var name = self.shardFor(e.term); if (name) { shardsOfNear[name] = true; } });
          });
          return Promise.all(Object.keys(shardsOfNear).map(function (n) { return load(self.root, n).catch(function () { return {}; }); }))
            .then(function (nearShards) {
              var out = [];
              var shown = [];
              var changed = false;
              words.forEach(function (w) {
                var split = replaced[w.folded];
                if (split) {
                  changed = true;
                  [split.head, split.tail].forEach(function (term) {
                    out.push({ stem: term, folded: term, exact: null, synonyms: sv.synonyms[term] || [], weight: 0.8 });
                  });
                  shown.push(split.raw.join(" "));
                  return;
                }
                var k = unsplit.indexOf(w);
                if (k >= 0 && near[k].length) {
                  changed = true;
                  var terms = near[k].map(function (e) { return e.term; });
                  out.push({ stem: terms[0], folded: terms[0], exact: null, synonyms: terms.slice(1), weight: 0.7 });
                  shown.push(near[k][0].shown);
                  return;
                }
                out.push(w);
                shown.push(w.original);
              });
              return { words: out, shards: all.concat(nearShards), mended: changed ? shown.join(" ") : null };
            });
        });
      });
  };

  /* The region's words, each with the stem it is indexed under and its number of documents:
   * loaded once, and only when a query word matches nothing. */
  Searcher.prototype.wordList = function () {
    var sv = this.sv;
    if (!this.words) {
      // Each word as shown, then its number of postings; its term is its folded stem.
      this.words = load(this.root, "v").then(function (list) {
        var words = [];
        for (var i = 0; i + 1 < list.length; i += 2) {
          var folded = sv.fold(list[i]);
          words.push({ shown: list[i], folded: folded, term: sv.stem(folded), documents: list[i + 1] });
        }
        return words;
      }, function () { return []; });
    }
    return this.words;
  };

  /* The most edits a word of `length` letters may be corrected by: one for five to seven
   * letters, two for longer words, none for shorter ones. */
  function editsFor(length) { return length >= 8 ? 2 : length >= 5 ? 1 : 0; }

  /* For each word, the region's words nearest to it (see nearest), allowing `more` edits than
   * a correction may make. */
  Searcher.prototype.nearby = function (words, more) {
    var limits = words.map(function (w) {
      var length = Array.from(w.folded).length;
      return /[0-9]/.test(w.folded) ? 0 : editsFor(length) + (length >= 4 ? more : 0);
    });
    // The list is loaded only for a word that may be near something.
    if (limits.every(function (limit) { return limit === 0; })) { return Promise.resolve(words.map(function () { return []; })); }
    return this.wordList().then(function (list) {
      return words.map(function (w, k) { return limits[k] > 0 ? nearest(w, list, limits[k]) : []; });
    });
  };

  /* The words of the list nearest to a query word, best first (fewest edits, then the most
   * documents): edits to the word as written or to its stem, or else to the stem with a
   * spoilt ending, which counts half an edit more. Numbers are never near anything. At most
   * three, all at the fewest edits. */
  function nearest(word, list, limit) {
    if (/[0-9]/.test(word.folded)) { return []; }
    var length = Array.from(word.folded).length;
    var found = [];
    list.forEach(function (e) {
      if (Math.abs(Array.from(e.folded).length - length) > limit + 3) { return; }
      var d = Math.min(distance(e.folded, word.folded, limit), distance(e.term, word.folded, limit),
        distance(e.term, word.stem, limit));
      if (d > limit) { d = ending(e.term, word.folded, limit) + 0.5; }
      if (d <= limit + 0.5) { found.push({ term: e.term, shown: e.shown, d: d, documents: e.documents }); }
    });
    found.sort(function (a, b) { return a.d - b.d || b.documents - a.documents || (a.term < b.term ? -1 : 1); });
    var best = found.length ? found[0].d : 0;
    return found.filter(function (f) { return f.d === best; }).slice(0, 3);
  }

  /* A field's postings: numbers in base 36, separated by spaces (src/search/mod.rs, export). */
  var decoded = {};
  function decode(list) {
    if (!list) { return []; }
    if (!decoded[list]) { decoded[list] = list.split(" ").map(function (n) { return parseInt(n, 36); }); }
    return decoded[list];
  }

  /* Edits between a stem and a misspelt inflected word, whose stemming the typo spoiled: the
   * stem against the word's start (give or take `limit` letters), and one more edit for an
   * ending of up to three letters after it ("studierekt" in "studierektron"). */
  function ending(term, word, limit) {
    var t = Array.from(term);
    var w = Array.from(word);
    if (t.length < 5) { return limit + 1; }
    var best = limit + 1;
    for (var k = Math.max(1, t.length - limit); k <= Math.min(w.length, t.length + limit); k++) {
      var rest = w.length - k;
      if (rest > 3) { continue; }
      best = Math.min(best, distance(term, w.slice(0, k).join(""), limit) + (rest > 0 ? 1 : 0));
    }
    return best;
  }

  /* Edits (insert, delete, replace, swap of neighbours) between two words, counted up to
   * `limit` + 1. */
  function distance(a, b, limit) {
    a = Array.from(a);
    b = Array.from(b);
    if (Math.abs(a.length - b.length) > limit) { return limit + 1; }
    var rows = [];
    for (var i = 0; i <= a.length; i++) {
      rows.push([i]);
      for (var j = 1; j <= b.length; j++) {
        if (i === 0) { rows[i].push(j); continue; }
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var value = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) { value = Math.min(value, rows[i - 2][j - 2] + 1); }
        rows[i].push(value);
      }
    }
    return rows[a.length][b.length];
  }

  /* Among the best hits, those where the query's words stand together, in order, come first
   * within their group: "FoU-handledare" before a text with "FoU" and "handledare" apart. */
  Searcher.prototype.rerank = function (hits, words) {
    var self = this;
    if (words.length < 2) { return hits; }
    hits.forEach(function (hit) {
      var terms = self.sv.terms(hit.title + " " + hit.section + " " + hit.text);
      for (var i = 0; i + words.length <= terms.length; i++) {
        var together = words.every(function (w, k) { return self.termMatches(terms[i + k], w); });
        if (together) { hit.score *= 1.5; break; }
      }
    });
    return hits.slice().sort(function (a, b) { return b.words - a.words || b.score - a.score; });
  };

  Searcher.prototype.score = function (words, shards) {
    var n = this.meta.documents;
    var fields = this.fields;
    var perDoc = {};
    words.forEach(function (word, wi) {
      var best = {};
      function add(term, postings, weight, onlyField) {
        for (var f = 0; f < fields.length; f++) {
          var isExact = fields[f][0] === "exakt";
          if (onlyField !== undefined ? f !== onlyField : isExact) { continue; }
          // Each number is 8 × (document − previous document) + min(count, 8) − 1, in base 36.
          var list = decode(postings[f]);
          var idf = 1 + Math.log(n / (list.length + 1));
          var doc = 0;
          for (var i = 0; i < list.length; i++) {
            doc += Math.floor(list[i] / 8);
            var tf = Math.sqrt(list[i] % 8 + 1);
            var key = doc + ":" + f;
            var value = fields[f][1] * tf * idf * weight * (word.weight || 1);
            if (!best[key] || best[key] < value) { best[key] = value; }
          }
        }
      }
      shards.forEach(function (shard) {
        Object.keys(shard).forEach(function (term) {
          var postings = shard[term];
          if (term === word.stem || term === word.folded) { add(term, postings, 1); }
          else if (term === word.base) { add(term, postings, 0.9); }
          else if (word.synonyms.indexOf(term) >= 0) { add(term, postings, 0.5); }
          else if (word.prefix && word.folded.length >= 2 && term.startsWith(word.folded)) {
            add(term, postings, 0.3 + 0.5 * word.folded.length / term.length);
          } else if (word.prefix && word.stem.length >= 3 && term.startsWith(word.stem)) {
            add(term, postings, 0.2 + 0.5 * word.stem.length / term.length);
          }
          if (word.exact && term === word.exact) {
            var exactField = fields.findIndex(function (f) { return f[0] === "exakt"; });
            add(term, postings, 1, exactField);
          }
        });
      });
      Object.keys(best).forEach(function (key) {
        var doc = key.split(":")[0];
        var entry = perDoc[doc] || (perDoc[doc] = { doc: +doc, score: 0, matched: {} });
        entry.score += best[key];
        if (!word.filler) { entry.matched[wi] = true; }
      });
    });
    var low = {};
    (this.meta.low || []).forEach(function (d) { low[d] = true; });
    var ranked = Object.keys(perDoc).map(function (k) {
      var e = perDoc[k];
      e.words = Object.keys(e.matched).length;
      // A page for editors (search: low) comes after the pages for readers: it counts one
      // matched word less, and weighs less.
      if (low[e.doc]) { e.score *= 0.2; e.words = Math.max(1, e.words - 1); }
      return e;
    });
    ranked.sort(function (a, b) { return b.words - a.words || b.score - a.score || a.doc - b.doc; });
    return ranked;
  };

  Searcher.prototype.documents = function (ranked) {
    var self = this;
    var per = this.meta.docsPerChunk;
    var chunks = {};
    ranked.forEach(function (r) { chunks["d" + Math.floor(r.doc / per)] = true; });
    return Promise.all(Object.keys(chunks).map(function (c) { return load(self.root, c); })).then(function () {
      return ranked.map(function (r) {
        var chunk = loaded["d" + Math.floor(r.doc / per)];
        var at = r.doc % per;
        var d = chunk[at];
        // A row gives its page's address and title only where they change (src/search/mod.rs).
        var url = d[0];
        var title = d[1];
        for (var k = at; (title === 0 || url.charAt(0) === "#") && k > 0; k--) {
          var before = chunk[k - 1];
          if (title === 0 && before[1] !== 0) { title = before[1]; }
          if (url.charAt(0) === "#" && before[0].charAt(0) !== "#") { url = before[0].split("#")[0] + url; }
        }
        return { url: url, title: title, section: d[2], kind: KIND_NAMES[self.meta.kinds.charAt(r.doc)] || "sida", roles: d[3], text: d[4], words: r.words, score: r.score };
      });
    });
  };

  /* Whether an analyzed term of a text matches a query word (as the index lookup does). */
  Searcher.prototype.termMatches = function (term, word) {
    return term === word.stem || term === word.base || word.synonyms.indexOf(term) >= 0 ||
      (word.prefix === true && (term.startsWith(word.folded) || (word.stem.length >= 3 && term.startsWith(word.stem))));
  };

  /* Which query word a word of the text matches (its index), or -1: for highlighting. */
  Searcher.prototype.matchedWord = function (token, words) {
    var self = this;
    var sv = this.sv;
    var folded = sv.fold(token);
    var term = sv.stem(folded);
    for (var i = 0; i < words.length; i++) {
      if (self.termMatches(term, words[i]) || (words[i].prefix === true && folded.startsWith(words[i].folded))) { return i; }
    }
    return -1;
  };

  /* Appends `text` to `parent` with its matched words in <mark>. */
  Searcher.prototype.highlight = function (parent, text, words) {
    this.snippet(parent, text, words, Infinity);
  };

  /* Appends to `parent` a snippet of `text`: the passage of about `length` characters where
   * the most of the query's words meet, cut at word boundaries, matched words in <mark>. */
  Searcher.prototype.snippet = function (parent, text, words, length) {
    var self = this;
    var sv = this.sv;
    var chars = Array.from(text);
    var size = length || 220;
    var spans = sv.spans(text).filter(function (s) { return !sv.isStopWord(s[0]); }).map(function (s) {
      return { start: s[1], end: s[2], word: self.matchedWord(s[0], words) };
    }).filter(function (s) { return s.word >= 0; });
    var from = 0;
    if (spans.length && size < chars.length) {
      // The window that holds the most distinct query words, then the most matches, earliest first.
      var best = null;
      spans.forEach(function (first, i) {
        var start = Math.max(0, first.start - 40);
        var seen = {};
        var count = 0;
        for (var k = i; k < spans.length && spans[k].end <= start + size; k++) { seen[spans[k].word] = true; count++; }
        var score = [Object.keys(seen).length, count];
        if (!best || score[0] > best.score[0] || (score[0] === best.score[0] && score[1] > best.score[1])) {
          best = { start: start, score: score };
        }
      });
      from = best.start;
    }
    var isSpace = function (c) { return c === undefined || /\s/.test(c); };
    // Start and end on word boundaries.
    while (from > 0 && !isSpace(chars[from - 1])) { from--; }
    var to = Math.min(chars.length, from + size);
    if (to < chars.length) {
      var cut = to;
      while (cut > from && !isSpace(chars[cut])) { cut--; }
      if (cut > from) { to = cut; }
    }
    while (to > from && isSpace(chars[to - 1])) { to--; }
    if (from > 0) { parent.appendChild(document.createTextNode("… ")); }
    var at = from;
    spans.forEach(function (s) {
      if (s.start < at || s.end > to) { return; }
      parent.appendChild(document.createTextNode(chars.slice(at, s.start).join("")));
      var mark = document.createElement("mark");
      mark.textContent = chars.slice(s.start, s.end).join("");
      parent.appendChild(mark);
      at = s.end;
    });
    parent.appendChild(document.createTextNode(chars.slice(at, to).join("") + (to < chars.length ? " …" : "")));
  };

  // ---- The user interface. ----
  var KINDS = [["", "Alla"], ["roll", "Roller"], ["avtal", "Avtal"], ["checklista", "Checklistor"], ["sida", "Övriga sidor"]];
  var KIND_LABELS = { roll: "Roll", avtal: "Avtal", checklista: "Checklista", sida: "Sida" };

  function Box(form, options) {
    this.form = form;
    this.root = form.getAttribute("data-root");
    this.input = form.querySelector("input[name=q]");
    this.panel = form.querySelector(".sok-panel");
    this.list = this.panel.querySelector(".sok-traffar");
    this.status = this.panel.querySelector(".sok-status");
    this.filters = this.panel.querySelector(".sok-filter");
    this.popup = options.popup;
    this.limit = options.limit;
    this.kind = "";
    this.active = -1;
    this.sequence = 0;
    this.searcher = null;
    this.buildFilters();
    this.bind();
  }

  Box.prototype.buildFilters = function () {
    var self = this;
    var legend = document.createElement("legend");
    legend.textContent = "Visa";
    this.filters.appendChild(legend);
    KINDS.forEach(function (k, i) {
      var id = self.input.id + "-typ-" + (k[0] || "alla");
      var input = document.createElement("input");
      input.type = "radio";
      input.name = "typ";
      input.id = id;
      input.value = k[0];
      input.checked = i === 0;
      input.addEventListener("change", function () { self.kind = input.value; self.remember(); self.run(); });
      var label = document.createElement("label");
      label.htmlFor = id;
      label.textContent = k[1];
      var wrap = document.createElement("span");
      wrap.appendChild(input);
      wrap.appendChild(label);
      self.filters.appendChild(wrap);
    });
  };

  Box.prototype.ready = function () {
    var self = this;
    if (!this.loading) {
      this.loading = load(this.root, "meta").then(function (meta) { self.searcher = new Searcher(self.root, meta); return self.searcher; });
    }
    return this.loading;
  };

  Box.prototype.bind = function () {
    var self = this;
    this.input.addEventListener("focus", function () { self.ready().catch(function () {}); });
    this.input.addEventListener("input", function () { self.remember(); self.run(true); });
    this.input.addEventListener("keydown", function (e) { self.key(e); });
    // The address gets the query, and the filter only when one is chosen: nothing empty.
    this.form.addEventListener("submit", function () {
      var radios = self.filters.querySelectorAll("input[type=radio]");
      for (var i = 0; i < radios.length; i++) { radios[i].disabled = !radios[i].checked || radios[i].value === ""; }
      window.setTimeout(function () { for (var i = 0; i < radios.length; i++) { radios[i].disabled = false; } }, 0);
    });
    if (this.popup) {
      document.addEventListener("click", function (e) { if (!self.form.contains(e.target)) { self.close(); } });
      // Focus leaving the search (Tab, a click elsewhere) closes the list.
      this.form.addEventListener("focusout", function (e) {
        if (!e.relatedTarget || !self.form.contains(e.relatedTarget)) { self.close(); }
      });
    }
  };

  /* On the search page, the address follows the query and the filter, so it can be shared. */
  Box.prototype.remember = function () {
    if (this.popup || !window.history.replaceState) { return; }
    var params = new URLSearchParams();
    if (this.input.value.trim()) { params.set("q", this.input.value); }
    if (this.kind) { params.set("typ", this.kind); }
    var search = params.toString();
    window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : ""));
  };

  /* Chooses the filter `kind` (as from the address). */
  Box.prototype.choose = function (kind) {
    var radios = this.filters.querySelectorAll("input[type=radio]");
    for (var i = 0; i < radios.length; i++) {
      if (radios[i].value === kind) { radios[i].checked = true; this.kind = kind; }
    }
  };

  Box.prototype.key = function (e) {
    var options = this.list.querySelectorAll("[role=option]");
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (!options.length) { return; }
      e.preventDefault();
      if (this.popup) { this.open(); }
      var step = e.key === "ArrowDown" ? 1 : -1;
      this.select((this.active + step + options.length) % options.length);
    } else if (e.key === "Enter" && this.active >= 0 && options[this.active]) {
      e.preventDefault();
      window.location.href = options[this.active].querySelector("a").href;
    } else if (e.key === "Tab") {
      this.close();
    } else if (e.key === "Escape") {
      if (this.popup && !this.panel.hidden) { e.preventDefault(); this.close(); }
      else if (this.input.value) { e.preventDefault(); this.input.value = ""; this.run(); }
    }
  };

  Box.prototype.select = function (index) {
    var options = this.list.querySelectorAll("[role=option]");
    for (var i = 0; i < options.length; i++) { options[i].setAttribute("aria-selected", i === index ? "true" : "false"); }
    this.active = index;
    if (index >= 0 && options[index]) {
      this.input.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({ block: "nearest" });
    } else {
      this.input.removeAttribute("aria-activedescendant");
    }
  };

  Box.prototype.open = function () {
    this.panel.hidden = false;
    this.input.setAttribute("aria-expanded", "true");
  };

  Box.prototype.close = function () {
    if (!this.popup) { return; }
    this.panel.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.select(-1);
  };

  Box.prototype.say = function (text) { this.status.textContent = text; };

  /* Searches for what the field holds; `typing` while the reader types in it. */
  Box.prototype.run = function (typing) {
    var self = this;
    var query = this.input.value;
    var sequence = ++this.sequence;
    if (!query.trim()) {
      this.clear();
      this.say("");
      if (this.popup) { this.close(); }
      return;
    }
    if (this.popup) { this.open(); }
    this.ready().then(function (searcher) {
      return searcher.search(query, self.limit, self.kind, typing === true);
    }).then(function (result) {
      if (sequence !== self.sequence) { return; }
      self.show(query, result);
    }).catch(function () {
      if (sequence === self.sequence) { self.clear(); self.say("Sökningen kunde inte laddas. Försök igen om en stund."); }
    });
  };

  Box.prototype.clear = function () {
    while (this.list.firstChild) { this.list.removeChild(this.list.firstChild); }
    this.select(-1);
  };

  /* A list item holding `link`: an option of the list box in the header, a plain item with a
   * link on the search page. */
  Box.prototype.item = function (link, i, className) {
    var item = document.createElement("li");
    item.id = this.input.id + "-traff-" + i;
    if (className) { item.className = className; }
    if (this.popup) {
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", "false");
    }
    link.tabIndex = this.popup ? -1 : 0;
    item.appendChild(link);
    return item;
  };

  Box.prototype.show = function (query, result) {
    var self = this;
    this.clear();
    // Which query the list answers: lets a reader's tools (and tests) tell a final answer from
    // one for a half-typed word.
    this.list.setAttribute("data-fraga", query);
    if (result.words.length === 0) {
      this.say("Skriv ett ord för att söka, till exempel ”handledning”.");
      return;
    }
    var hits = result.hits;
    if (hits.length === 0) {
      var shown = query.length > 60 ? query.slice(0, 60) + "…" : query;
      this.say("Inga träffar för ”" + shown + "”. ");
      var suggestions = result.suggestions;
      if (suggestions.length) {
        // The words of the handbook nearest to the query, each a search of its own in the list,
        // so the keyboard reaches them as it reaches hits.
        var words = suggestions.map(function (s) { return "”" + s.word + "”"; });
        this.status.appendChild(document.createTextNode("Menade du " +
          (words.length > 1 ? words.slice(0, -1).join(", ") + " eller " : "") + words[words.length - 1] + "? "));
        suggestions.forEach(function (suggestion, i) {
          var link = document.createElement("a");
          link.href = self.root + "sok/index.html?q=" + encodeURIComponent(suggestion.query);
          link.textContent = "Sök på ”" + suggestion.query + "”";
          self.list.appendChild(self.item(link, i, "sok-forslag"));
        });
      } else {
        this.status.appendChild(document.createTextNode("Prova ett kortare ord eller en annan stavning" +
          (this.kind ? ", eller välj Alla. " : ". ")));
      }
      // A way onward: every page of the handbook is in the menu.
      var onward = document.createElement("a");
      onward.href = "#meny";
      onward.textContent = "Bläddra bland alla sidor i menyn";
      this.status.appendChild(onward);
      return;
    }
    hits.forEach(function (hit, i) {
      var link = document.createElement("a");
      link.href = self.root + hit.url;
      var item = self.item(link, i, hit.more ? "sok-samma-sida" : "");
      var title = document.createElement("span");
      title.className = "sok-titel";
      self.searcher.highlight(title, hit.title, result.words);
      link.appendChild(title);
      if (hit.section) {
        var section = document.createElement("span");
        section.className = "sok-rubrik";
        self.searcher.highlight(section, hit.section, result.words);
        link.appendChild(section);
      }
      var kind = document.createElement("span");
      kind.className = "sok-typ";
      kind.textContent = KIND_LABELS[hit.kind] || hit.kind;
      link.appendChild(kind);
      var snippet = document.createElement("p");
      snippet.className = "sok-utdrag";
      self.searcher.snippet(snippet, hit.text, result.words);
      item.appendChild(snippet);
      self.list.appendChild(item);
    });
    var total = result.total;
    var count = total === 1 ? "1 träff." :
      total + " träffar" + (total > hits.length ? ", de " + hits.length + " bästa visas, högst tre per sida." : ".");
    this.say((result.mended ? "Visar träffar för ”" + result.mended + "”. " : "") + count);
  };

  function start() {
    var boxes = [];
    var header = document.querySelector("form.sok-huvud");
    if (header) { boxes.push(new Box(header, { popup: true, limit: 8 })); }
    var page = document.querySelector("form.sok-sida");
    if (page) {
      var box = new Box(page, { popup: false, limit: 50 });
      var params = new URLSearchParams(window.location.search);
      var query = params.get("q");
      box.choose(params.get("typ") || "");
      if (query) { box.input.value = query; box.run(); }
      boxes.push(box);
    }
    document.addEventListener("keydown", function (e) {
      var target = e.target;
      var typing = target && (target.isContentEditable || /^(input|textarea|select)$/i.test(target.tagName));
      if (e.key === "/" && !typing && !e.ctrlKey && !e.metaKey && !e.altKey && boxes.length) {
        e.preventDefault();
        boxes[boxes.length - 1].input.focus();
      }
    });
  }

  window.sthandbokSvenska = function (data) { return new Swedish(data); };
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
