// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ftstokens.h"

#include <QRegularExpression>

#include <sqlite3.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

using namespace Qt::StringLiterals;

namespace Lakeguard::Storage {

namespace {

// SQLite hands out its fts5_api through a pointer bound to "SELECT fts5(?)" (sqlite.org/fts5.html,
// "Extending FTS5").
fts5_api *fts5Api(sqlite3 *db)
{
    fts5_api *api = nullptr;
    sqlite3_stmt *q = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &q, nullptr) == SQLITE_OK) {
        sqlite3_bind_pointer(q, 1, static_cast<void *>(&api), "fts5_api_ptr", nullptr);
        sqlite3_step(q);
    }
    sqlite3_finalize(q);
    return api;
}

// One instance of the index's tokenizer. Not for two threads at once: unicode61 folds into a
// buffer of its own.
class Tokenizer final
{
public:
    explicit Tokenizer(sqlite3 *db)
    {
        fts5_api *api = fts5Api(db);
        void *context = nullptr;
        if (!api || api->xFindTokenizer(api, "unicode61", &context, &m_methods) != SQLITE_OK) {
            return;
        }
        // kFtsTokenize without its first word.
        const char *args[] = { "remove_diacritics", "2" };
        static_assert(std::string_view(kFtsTokenize) == "unicode61 remove_diacritics 2");
        if (m_methods.xCreate(context, args, 2, &m_tokenizer) != SQLITE_OK) {
            m_tokenizer = nullptr;
        }
    }
    ~Tokenizer()
    {
        if (m_tokenizer) {
            m_methods.xDelete(m_tokenizer);
        }
    }
    Q_DISABLE_COPY_MOVE(Tokenizer)

    bool isValid() const { return m_tokenizer != nullptr; }

    // The tokens of `text` into `out` (cleared first).
    void tokens(const char *text, int size, std::vector<std::string> *out) const
    {
        out->clear();
        if (!m_tokenizer || size <= 0) {
            return;
        }
        m_methods.xTokenize(m_tokenizer, out, FTS5_TOKENIZE_DOCUMENT, text, size,
            [](void *context, int, const char *token, int length, int, int) {
                static_cast<std::vector<std::string> *>(context)->emplace_back(
                    token, std::size_t(length));
                return SQLITE_OK;
            });
    }

private:
    fts5_tokenizer m_methods {};
    Fts5Tokenizer *m_tokenizer = nullptr;
};

// A tokenizer for ftsTokens(), on an in-memory connection of the thread's own.
class ThreadTokenizer final
{
public:
    ThreadTokenizer()
    {
        if (sqlite3_open(":memory:", &m_db) == SQLITE_OK) {
            m_tokenizer = std::make_unique<Tokenizer>(m_db);
        }
    }
    ~ThreadTokenizer()
    {
        m_tokenizer.reset();
        sqlite3_close(m_db);
    }
    Q_DISABLE_COPY_MOVE(ThreadTokenizer)

    const Tokenizer *tokenizer() const { return m_tokenizer.get(); }

private:
    sqlite3 *m_db = nullptr;
    std::unique_ptr<Tokenizer> m_tokenizer;
};

// A phrase as lakeguard_phrase() receives it: tokens separated by spaces (no token holds one),
// a final `*` when the last is a prefix.
struct Phrase
{
    std::vector<std::string> tokens;
    bool prefix = false;

    static Phrase parse(std::string_view text)
    {
        Phrase p;
        if (!text.empty() && text.back() == '*') {
            p.prefix = true;
            text.remove_suffix(1);
        }
        while (!text.empty()) {
            const std::size_t space = text.find(' ');
            const std::string_view token = text.substr(0, space);
            if (!token.empty()) {
                p.tokens.emplace_back(token);
            }
            text = space == std::string_view::npos ? std::string_view() : text.substr(space + 1);
        }
        return p;
    }

    bool foundIn(const std::vector<std::string> &text) const
    {
        const std::size_t n = tokens.size();
        if (n == 0 || text.size() < n) {
            return false;
        }
        for (std::size_t at = 0; at + n <= text.size(); ++at) {
            bool match = true;
            for (std::size_t k = 0; k < n && match; ++k) {
                const std::string &have = text[at + k];
                match = prefix && k + 1 == n ? have.starts_with(tokens[k]) : have == tokens[k];
            }
            if (match) {
                return true;
            }
        }
        return false;
    }
};

// What lakeguard_phrase() keeps per connection.
struct PhraseFunction
{
    explicit PhraseFunction(sqlite3 *db)
        : tokenizer(db)
    { }
    Tokenizer tokenizer;
    std::vector<std::string> scratch;
};

void phrase(sqlite3_context *context, int argc, sqlite3_value **argv)
{
    auto *state = static_cast<PhraseFunction *>(sqlite3_user_data(context));
    // The phrase is the same for every row of a query: parsed once, kept with the statement.
    auto *p = static_cast<Phrase *>(sqlite3_get_auxdata(context, 0));
    Phrase local;
    if (!p) {
        const auto *text = reinterpret_cast<const char *>(sqlite3_value_text(argv[0]));
        local = Phrase::parse(
            text ? std::string_view(text, std::size_t(sqlite3_value_bytes(argv[0]))) : "");
        sqlite3_set_auxdata(
            context, 0, new Phrase(local), [](void *kept) { delete static_cast<Phrase *>(kept); });
        p = &local;
    }
    for (int i = 1; i < argc; ++i) {
        const auto *text = reinterpret_cast<const char *>(sqlite3_value_text(argv[i]));
        if (!text) {
            continue;
        }
        state->tokenizer.tokens(text, sqlite3_value_bytes(argv[i]), &state->scratch);
        if (p->foundIn(state->scratch)) {
            sqlite3_result_int(context, 1);
            return;
        }
    }
    sqlite3_result_int(context, 0);
}

QString quoted(const QByteArray &token)
{
    QString t = QString::fromUtf8(token);
    t.replace(u'"', u"\"\""_s);
    return u'"' + t + u'"';
}

} // namespace

QList<QByteArray> ftsTokens(const QString &text)
{
    static thread_local ThreadTokenizer local;
    QList<QByteArray> out;
    if (!local.tokenizer()) {
        return out;
    }
    const QByteArray utf8 = text.toUtf8();
    std::vector<std::string> tokens;
    local.tokenizer()->tokens(utf8.constData(), int(utf8.size()), &tokens);
    out.reserve(qsizetype(tokens.size()));
    for (const std::string &t : tokens) {
        out << QByteArray(t.data(), qsizetype(t.size()));
    }
    return out;
}

FtsSearch ftsSearch(const QString &text)
{
    FtsSearch search;
    QStringList terms;
    static const QRegularExpression space(u"\\s+"_s);
    for (const QString &word : text.split(space, Qt::SkipEmptyParts)) {
        const bool prefix = word.endsWith(u'*');
        const QList<QByteArray> tokens = ftsTokens(word);
        if (tokens.isEmpty()) {
            continue;
        }
        for (qsizetype i = 0; i < tokens.size(); ++i) {
            terms << quoted(tokens[i]) + (prefix && i + 1 == tokens.size() ? u"*"_s : QString());
        }
        if (tokens.size() > 1) {
            search.phrases << QString::fromUtf8(tokens.join(' ')) + (prefix ? u"*"_s : QString());
        }
    }
    search.match = terms.join(u' ');
    return search;
}

bool addPhraseFunction(sqlite3 *db)
{
    auto state = std::make_unique<PhraseFunction>(db);
    if (!state->tokenizer.isValid()) {
        return false;
    }
    return sqlite3_create_function_v2(db, "lakeguard_phrase", -1,
               SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, state.release(), &phrase,
               nullptr, nullptr, [](void *kept) { delete static_cast<PhraseFunction *>(kept); })
        == SQLITE_OK;
}

} // namespace Lakeguard::Storage
