// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

struct sqlite3;

namespace Lakeguard::Storage {

// How the store's full-text index splits text: FTS5's own `unicode61` tokenizer, reached through
// SQLite's fts5_api, so a search folds and splits a word exactly as the index did. The index
// keeps no token positions (schema version 15, docs/store.md), so a word the tokenizer splits
// ("192.0.2.10", "acct-3") cannot be an FTS5 phrase: its tokens are matched together and the
// order is checked on the candidates by lakeguard_phrase().

// The tokenizer's arguments, as the schema names them in `tokenize = '…'`.
inline constexpr char kFtsTokenize[] = "unicode61 remove_diacritics 2";

// What the index holds for `text`: its tokens, case-folded and without diacritics, in order.
// Runs on a tokenizer of the calling thread's own; empty if SQLite has no FTS5.
QList<QByteArray> ftsTokens(const QString &text);

// A search box's words as an FTS5 query over a positionless index, and the checks its
// multi-token words still need. Each word must match (AND); a trailing `*` makes its last token
// a prefix; words without a letter or digit are dropped.
struct FtsSearch
{
    QString match; // the MATCH expression; empty when no word has a token
    QStringList phrases; // one lakeguard_phrase() argument per word of more than one token
};
FtsSearch ftsSearch(const QString &text);

// Adds lakeguard_phrase(phrase, column, …) to `db`: 1 when one of the columns holds the phrase's
// tokens one after another (its last as a prefix when it ends in `*`), else 0. `phrase` is one
// of FtsSearch::phrases. False if SQLite refused it.
bool addPhraseFunction(sqlite3 *db);

} // namespace Lakeguard::Storage
