// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "clicommands.h"

#include "alertstore.h"
#include "demofeed.h"
#include "evidencecommands.h"
#include "feed.h"
#include "feedconfig.h"
#include "feedmanager.h"
#include "fileingest.h"
#include "jsonsupport.h"
#include "scriptedscenario.h"
#include "incidentcommands.h"
#include "jsonsupport.h"
#include "normalizer.h"
#include "pgstore.h"
#include "storemigration.h"
#include "storewriter.h"
#include "vault.h"
#include "vaultcommands.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSocketNotifier>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Lakeguard::Cli {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(LakeguardCli)
};

const QString kProgram = u"lakeguard-cli"_s;

struct Command
{
    QString name;
    QString synopsis;
    QString summary;
};

QList<Command> commands()
{
    return {
        { u"ingest"_s, u"ingest [--format F] [--feed ID] [--strict] FILE... | -"_s,
            Tr::tr("read records, normalise and store them") },
        { u"alerts"_s,
            u"alerts [--since T] [--until T] [--min-severity S] [--category C] [--rule R] "
            "[--feed ID] [--search TEXT] [--limit N]"_s,
            Tr::tr("list alerts, newest first") },
        { u"stats"_s, u"stats"_s, Tr::tr("counts by severity, category, incidents, quarantine") },
        { u"quarantine"_s, u"quarantine [--limit N]"_s,
            Tr::tr("records kept aside: feed, reason, raw bytes") },
        { u"chain-status"_s, u"chain-status"_s, Tr::tr("latest status of every chain node") },
        { u"serve"_s, u"serve --config FEEDS.json [--for SECONDS] [--vault FILE]"_s,
            Tr::tr("run the configured feeds until SIGINT/SIGTERM (or for SECONDS)") },
        { u"demo"_s,
            u"demo [--seconds N] [--speed X] [--seed S] [--scenario NAME] [--start T] [--instant]"_s,
            Tr::tr("run the built-in scenario headless into the store") },
        { u"backup"_s, u"backup --out FILE [--verify]"_s,
            Tr::tr("an online, consistent copy of the store (while feeds keep writing)") },
        { u"compact"_s, u"compact"_s,
            Tr::tr("give the store's free pages back to the disk (after a prune or an "
                   "upgrade); nothing else may write meanwhile") },
        { u"prune"_s, u"prune [--older-than AGE] [--max-alerts N]"_s,
            Tr::tr("remove the oldest alerts (roll-ups and tamper evidence stay; a signed prune "
                   "record says what went)") },
        // ---- Incidents (issue 6): app/cli/incidentcommands.cpp ----
        { u"incidents"_s, incidentsSynopsis(), Tr::tr("incidents, riskiest first") },
        { u"incident"_s, incidentSynopsis(),
            Tr::tr("one incident (show), or change it as the current identity") },
        { u"migrate"_s, u"migrate --from STORE --to STORE"_s,
            Tr::tr("copy one store into a new one (e.g. SQLite into PostgreSQL) and verify it") },
        { u"verify"_s, u"verify [--incremental]"_s,
            Tr::tr("check the store's hash chain and signed checkpoints; exit 1 naming the first "
                   "record that breaks") },
        // ---- Evidence packs (issue 7): app/cli/evidencecommands.cpp ----
        { u"export"_s, exportSynopsis(),
            Tr::tr("a signed evidence pack cut from a fresh checkpoint (report.pdf, alerts, "
                   "audit trail, proofs)") },
        { u"verify-pack"_s, verifyPackSynopsis(),
            Tr::tr("check an evidence pack; exit 1 naming what fails") },
        // ---- Secrets (issue 9): app/cli/vaultcommands.cpp ----
        { u"vault"_s, vaultSynopsis(),
            Tr::tr("the encrypted secret vault: store (from standard input), print, list or "
                   "remove a secret") },
    };
}

QString usageText()
{
    QString text = Tr::tr("Usage: %1 [--store PATH] [--json] COMMAND [OPTIONS]\n\n"
                          "Lakeguard's headless console: ingest, query and check the store.\n\n"
                          "Commands:\n")
                       .arg(kProgram);
    for (const Command &c : commands()) {
        text += u"  %1\n      %2\n"_s.arg(c.synopsis, c.summary);
    }
    text += Tr::tr("\nGlobal options:\n"
                   "  --store PATH   the store (default: $LAKEGUARD_STORE, else the data folder)\n"
                   "  --json         machine-readable output on stdout\n"
                   "  --vault FILE   the secret vault (default: $LAKEGUARD_VAULT, else the "
                   "configuration folder)\n"
                   "  --help         this text; COMMAND --help for one command\n"
                   "  --version      the version\n\n"
                   "Exit status: 0 success, 1 a problem was found, 2 bad usage or unreadable "
                   "input.\n");
    return text;
}

class Context
{
public:
    Context(QTextStream &output, QTextStream &errors)
        : out(output)
        , err(errors)
    { }

    int fail(const QString &command, const QString &message, int code = BadUsage)
    {
        err << kProgram << ": " << (command.isEmpty() ? QString() : command + u": "_s) << message
            << Qt::endl;
        return code;
    }

    void printJson(const QJsonObject &o)
    {
        out << QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)) << '\n';
    }

    Storage::Result<std::unique_ptr<Storage::AlertStore>> openStore(Storage::AlertStore::Mode mode)
    {
        auto created = Storage::createStore(storeLocation);
        if (!created) {
            return created;
        }
        if (const Storage::Status s = created.value()->open(mode); !s) {
            return Storage::Result<std::unique_ptr<Storage::AlertStore>>::failure(s.error());
        }
        return created;
    }

    QTextStream &out;
    QTextStream &err;
    QString storeLocation;
    bool json = false;
};

// A parser with the global options, so they may stand after the command too.
void addGlobalOptions(QCommandLineParser &p)
{
    p.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    p.addOption({ u"store"_s, Tr::tr("The store."), u"PATH"_s });
    p.addOption({ u"json"_s, Tr::tr("Machine-readable output.") });
    p.addOption({ u"help"_s, Tr::tr("Show help.") });
}

// Parses a command's arguments with the global options; handles --help, --json and --store.
// Returns the exit status when the command is already done (bad usage or help printed).
std::optional<int> parseCommand(Context &ctx, QCommandLineParser &p, const QStringList &args,
    const QString &name, const QString &usage)
{
    if (!p.parse(args)) {
        return ctx.fail(name, p.errorText());
    }
    if (p.isSet(u"help"_s)) {
        ctx.out << usage;
        return Success;
    }
    ctx.json = ctx.json || p.isSet(u"json"_s);
    if (p.isSet(u"store"_s)) {
        ctx.storeLocation = p.value(u"store"_s);
    }
    return std::nullopt;
}

std::optional<Core::TimestampMs> timeOption(const QCommandLineParser &p, const QString &name,
    Context &ctx, const QString &command, int *status)
{
    if (!p.isSet(name)) {
        return std::nullopt;
    }
    const auto t = Core::parseIsoTimestamp(p.value(name));
    if (!t) {
        *status = ctx.fail(
            command, Tr::tr("--%1: \"%2\" is not an ISO 8601 time").arg(name, p.value(name)));
    }
    return t;
}

// ---- ingest ----
int cmdIngest(Context &ctx, const QStringList &args)
{
    const QString name = u"ingest"_s;
    QCommandLineParser p;
    addGlobalOptions(p);
    p.addOption({ u"format"_s, Tr::tr("Input format."), u"F"_s, u"auto"_s });
    p.addOption({ u"feed"_s, Tr::tr("Feed id to record (default: file:NAME or stdin)."), u"ID"_s });
    p.addOption({ u"strict"_s, Tr::tr("Exit 1 when any record was quarantined.") });
    p.addOption({ u"map"_s,
        Tr::tr("With --format jsonl: a JSON file saying where each field is (docs/normalisation.md)."),
        u"FILE"_s });
    p.addPositionalArgument(u"files"_s, Tr::tr("Files to read; - for standard input."));
    if (const auto done = parseCommand(ctx, p, args, name,
            Tr::tr("Usage: %1 ingest [--format F] [--map FILE] [--feed ID] [--strict] FILE... | -\n"
                   "Formats: %2\n")
                .arg(kProgram, Core::knownFormats().join(u", "_s)))) {
        return *done;
    }
    const QString format = p.value(u"format"_s);
    if (!Core::isKnownFormat(format)) {
        return ctx.fail(name,
            Tr::tr("unknown format \"%1\" (known: %2)")
                .arg(format, Core::knownFormats().join(u", "_s)));
    }
    Core::FieldMap map;
    if (p.isSet(u"map"_s)) {
        if (format != u"jsonl"_s) {
            return ctx.fail(name, Tr::tr("--map needs --format jsonl"));
        }
        QFile mapFile(p.value(u"map"_s));
        if (!mapFile.open(QIODevice::ReadOnly)) {
            return ctx.fail(name, Tr::tr("%1: %2").arg(mapFile.fileName(), mapFile.errorString()));
        }
        QString error;
        const std::optional<QJsonObject> object = Core::parseJsonObject(mapFile.readAll(), &error);
        const std::optional<Core::FieldMap> parsed =
            object ? Core::FieldMap::parse(*object, &error) : std::nullopt;
        if (!parsed) {
            return ctx.fail(name, Tr::tr("%1: %2").arg(mapFile.fileName(), error));
        }
        map = *parsed;
    }
    const QStringList files = p.positionalArguments();
    if (files.isEmpty()) {
        return ctx.fail(name, Tr::tr("no input: name files, or - for standard input"));
    }
    // Check every input first: an unreadable one stops the run before anything is stored.
    for (const QString &f : files) {
        if (f == u"-"_s) {
            continue;
        }
        const QFileInfo info(f);
        if (!info.exists()) {
            return ctx.fail(name, Tr::tr("%1: no such file").arg(f));
        }
        if (!info.isFile() || !info.isReadable()) {
            return ctx.fail(name, Tr::tr("%1: not a readable file").arg(f));
        }
    }
    auto store = ctx.openStore(Storage::AlertStore::Mode::ReadWrite);
    if (!store) {
        return ctx.fail(name, store.error());
    }
    Feeds::IngestSummary total;
    for (const QString &f : files) {
        QFile file;
        QString feed = p.value(u"feed"_s);
        if (f == u"-"_s) {
            if (!file.open(stdin, QIODevice::ReadOnly)) {
                return ctx.fail(name, Tr::tr("cannot read standard input"));
            }
            if (feed.isEmpty()) {
                feed = u"stdin"_s;
            }
        } else {
            file.setFileName(f);
            if (!file.open(QIODevice::ReadOnly)) {
                return ctx.fail(name, Tr::tr("%1: %2").arg(f, file.errorString()));
            }
            if (feed.isEmpty()) {
                feed = u"file:"_s + QFileInfo(f).fileName();
            }
        }
        Feeds::FileIngest ingest(*store.value(), feed, format);
        ingest.setFieldMap(map);
        QString error;
        total += ingest.run(file, &error);
        if (!error.isEmpty()) {
            return ctx.fail(name, Tr::tr("%1: %2").arg(f, error), ProblemFound);
        }
    }
    const QJsonObject summary { { u"read"_s, total.read }, { u"accepted"_s, total.accepted },
        { u"duplicates"_s, total.duplicates }, { u"updated"_s, total.updated },
        { u"quarantined"_s, total.quarantined }, { u"skipped"_s, total.skipped } };
    ctx.printJson(summary);
    if (p.isSet(u"strict"_s) && total.quarantined > 0) {
        ctx.err << kProgram << ": ingest: "
                << Tr::tr("%n record(s) quarantined; see '%1 quarantine'", nullptr,
                       int(total.quarantined))
                       .arg(kProgram)
                << Qt::endl;
        return ProblemFound;
    }
    return Success;
}

// ---- alerts ----
int cmdAlerts(Context &ctx, const QStringList &args)
{
    const QString name = u"alerts"_s;
    QCommandLineParser p;
    addGlobalOptions(p);
    p.addOption({ u"since"_s, Tr::tr("Only alerts at or after T."), u"T"_s });
    p.addOption({ u"until"_s, Tr::tr("Only alerts before T."), u"T"_s });
    p.addOption({ u"min-severity"_s, Tr::tr("Lowest severity."), u"S"_s });
    p.addOption({ u"category"_s, Tr::tr("Category (repeatable)."), u"C"_s });
    p.addOption({ u"rule"_s, Tr::tr("Rule id."), u"R"_s });
    p.addOption({ u"feed"_s, Tr::tr("Feed id."), u"ID"_s });
    p.addOption({ u"search"_s, Tr::tr("Full-text search."), u"TEXT"_s });
    p.addOption(
        { u"limit"_s, Tr::tr("At most N alerts (default 100; 0 = all)."), u"N"_s, u"100"_s });
    if (const auto done = parseCommand(ctx, p, args, name,
            Tr::tr("Usage: %1\n").arg(kProgram + u' ' + commands().at(1).synopsis))) {
        return *done;
    }
    if (!p.positionalArguments().isEmpty()) {
        return ctx.fail(
            name, Tr::tr("unexpected argument \"%1\"").arg(p.positionalArguments().first()));
    }
    int status = Success;
    Storage::AlertFilter filter;
    filter.since = timeOption(p, u"since"_s, ctx, name, &status);
    filter.until = timeOption(p, u"until"_s, ctx, name, &status);
    if (status != Success) {
        return status;
    }
    if (p.isSet(u"min-severity"_s)) {
        const auto s = Core::severityFromName(p.value(u"min-severity"_s));
        if (!s) {
            return ctx.fail(name,
                Tr::tr("unknown severity \"%1\" (info, low, medium, high, "
                       "critical)")
                    .arg(p.value(u"min-severity"_s)));
        }
        filter.minSeverity = s;
    }
    for (const QString &c : p.values(u"category"_s)) {
        if (!Core::categoryFromName(c)) {
            return ctx.fail(name,
                Tr::tr("unknown category \"%1\" (%2)")
                    .arg(c, Core::allCategoryNames().join(u", "_s)));
        }
        filter.categories << c.trimmed().toLower();
    }
    filter.rule = p.value(u"rule"_s);
    filter.feed = p.value(u"feed"_s);
    filter.search = p.value(u"search"_s);
    bool okLimit = false;
    const qint64 limit = p.value(u"limit"_s).toLongLong(&okLimit);
    if (!okLimit || limit < 0) {
        return ctx.fail(name, Tr::tr("--limit: \"%1\" is not a count").arg(p.value(u"limit"_s)));
    }
    auto store = ctx.openStore(Storage::AlertStore::Mode::ReadOnly);
    if (!store) {
        return ctx.fail(name, store.error());
    }
    // Keyset pages, so even "all" of a large store streams in bounded memory. A page of a word
    // too sparse for its search window gathers the whole match set again (0.25 s for 700,000
    // matches at 1 M alerts), so a search reads larger pages: 10,000 alerts are about 20 MB.
    const qint64 pageRows = filter.search.trimmed().isEmpty() ? 1000 : 10'000;
    qint64 printed = 0;
    std::optional<Storage::PageKey> after;
    while (limit == 0 || printed < limit) {
        const int pageSize = int(limit == 0 ? pageRows : std::min(pageRows, limit - printed));
        const auto page
            = store.value()->alerts(filter, Storage::AlertSort::TimeDesc, pageSize, after);
        if (!page) {
            return ctx.fail(name, page.error(), ProblemFound);
        }
        for (const Core::Alert &a : page->alerts) {
            if (ctx.json) {
                ctx.printJson(a.toJson());
            } else {
                ctx.out << Core::formatIsoTimestamp(a.ts) << "  "
                        << Core::severityName(a.severity).toUpper().leftJustified(8) << ' '
                        << Core::categoryName(a.category).leftJustified(12) << ' '
                        << a.rule.leftJustified(14) << ' ' << a.title;
                if (!a.entity.isEmpty()) {
                    ctx.out << "  [" << a.entity << ']';
                }
                ctx.out << '\n';
            }
            ++printed;
        }
        if (!page->next) {
            break;
        }
        after = page->next;
    }
    return Success;
}

QJsonObject mapToJson(const QMap<QString, qint64> &m)
{
    QJsonObject o;
    for (auto it = m.cbegin(); it != m.cend(); ++it) {
        o.insert(it.key(), it.value());
    }
    return o;
}

// ---- stats ----
int cmdStats(Context &ctx, const QStringList &args)
{
    const QString name = u"stats"_s;
    QCommandLineParser p;
    addGlobalOptions(p);
    if (const auto done
        = parseCommand(ctx, p, args, name, Tr::tr("Usage: %1 stats [--json]\n").arg(kProgram))) {
        return *done;
    }
    auto store = ctx.openStore(Storage::AlertStore::Mode::ReadOnly);
    if (!store) {
        return ctx.fail(name, store.error());
    }
    const auto s = store.value()->stats();
    if (!s) {
        return ctx.fail(name, s.error(), ProblemFound);
    }
    if (ctx.json) {
        ctx.printJson({ { u"alerts"_s, s->alerts }, { u"by_severity"_s, mapToJson(s->bySeverity) },
            { u"by_category"_s, mapToJson(s->byCategory) },
            { u"incidents"_s, mapToJson(s->incidents) }, { u"quarantined"_s, s->quarantined },
            { u"oldest"_s,
                s->alerts ? QJsonValue(Core::formatIsoTimestamp(s->oldest))
                          : QJsonValue(QJsonValue::Null) },
            { u"newest"_s,
                s->alerts ? QJsonValue(Core::formatIsoTimestamp(s->newest))
                          : QJsonValue(QJsonValue::Null) } });
        return Success;
    }
    ctx.out << Tr::tr("Store:        %1").arg(store.value()->location()) << '\n'
            << Tr::tr("Alerts:       %1").arg(s->alerts) << '\n';
    if (s->alerts > 0) {
        ctx.out << Tr::tr("Period:       %1 – %2")
                       .arg(
                           Core::formatIsoTimestamp(s->oldest), Core::formatIsoTimestamp(s->newest))
                << '\n';
    }
    ctx.out << Tr::tr("By severity:") << '\n';
    for (int i = Core::kSeverityCount - 1; i >= 0; --i) {
        const QString sev = Core::severityName(static_cast<Core::Severity>(i));
        ctx.out << "  " << sev.leftJustified(12) << s->bySeverity.value(sev) << '\n';
    }
    ctx.out << Tr::tr("By category:") << '\n';
    for (auto it = s->byCategory.cbegin(); it != s->byCategory.cend(); ++it) {
        if (it.value() > 0) {
            ctx.out << "  " << it.key().leftJustified(12) << it.value() << '\n';
        }
    }
    ctx.out << Tr::tr("Open incidents: %1").arg(s->incidents.value(u"open"_s)) << '\n'
            << Tr::tr("Quarantined:  %1").arg(s->quarantined) << '\n';
    return Success;
}

// ---- quarantine ----
// One quarantined record of `quarantine`: a JSON object, or two lines.
void printQuarantined(Context &ctx, const Storage::QuarantineEntry &e)
{
    if (ctx.json) {
        ctx.printJson(
            { { u"id"_s, e.id }, { u"received"_s, Core::formatIsoTimestamp(e.record.received) },
                { u"feed"_s, e.record.feed }, { u"source"_s, e.record.source },
                { u"reason"_s, e.record.reason },
                { u"raw"_s, QString::fromLatin1(e.record.raw.toBase64()) } });
        return;
    }
    // Raw bytes may hold anything: show them escaped on one line.
    QString preview = QString::fromUtf8(e.record.raw.left(120));
    for (QChar &c : preview) {
        if (!c.isPrint()) {
            c = u'·';
        }
    }
    ctx.out << e.id << "  " << Core::formatIsoTimestamp(e.record.received) << "  " << e.record.feed
            << "  " << e.record.reason << "\n    " << preview << '\n';
}

int cmdQuarantine(Context &ctx, const QStringList &args)
{
    const QString name = u"quarantine"_s;
    QCommandLineParser p;
    addGlobalOptions(p);
    p.addOption(
        { u"limit"_s, Tr::tr("At most N records, newest first (0 = all)."), u"N"_s, u"0"_s });
    if (const auto done = parseCommand(ctx, p, args, name,
            Tr::tr("Usage: %1 quarantine [--limit N] [--json]\n").arg(kProgram))) {
        return *done;
    }
    bool ok = false;
    const int limit = p.value(u"limit"_s).toInt(&ok);
    if (!ok || limit < 0) {
        return ctx.fail(name, Tr::tr("--limit: \"%1\" is not a count").arg(p.value(u"limit"_s)));
    }
    auto store = ctx.openStore(Storage::AlertStore::Mode::ReadOnly);
    if (!store) {
        return ctx.fail(name, store.error());
    }
    // Keyset pages of 500 (raw records can be large): memory stays flat however many there are.
    constexpr int kPage = 500;
    qint64 before = 0;
    for (qint64 printed = 0; limit == 0 || printed < limit;) {
        const int want = limit == 0 ? kPage : int(std::min<qint64>(kPage, limit - printed));
        const auto entries = store.value()->quarantinePage(want, before);
        if (!entries) {
            return ctx.fail(name, entries.error(), ProblemFound);
        }
        for (const Storage::QuarantineEntry &e : *entries) {
            printQuarantined(ctx, e);
        }
        printed += entries->size();
        if (entries->size() < want) {
            break;
        }
        before = entries->constLast().id;
    }
    return Success;
}

// ---- chain-status ----
int cmdChainStatus(Context &ctx, const QStringList &args)
{
    const QString name = u"chain-status"_s;
    QCommandLineParser p;
    addGlobalOptions(p);
    if (const auto done = parseCommand(
            ctx, p, args, name, Tr::tr("Usage: %1 chain-status [--json]\n").arg(kProgram))) {
        return *done;
    }
    auto store = ctx.openStore(Storage::AlertStore::Mode::ReadOnly);
    if (!store) {
        return ctx.fail(name, store.error());
    }
    const auto nodes = store.value()->chainStatus();
    if (!nodes) {
        return ctx.fail(name, nodes.error(), ProblemFound);
    }
    for (const Core::ChainObservation &o : *nodes) {
        if (ctx.json) {
            ctx.printJson(o.toJson());
        } else {
            ctx.out << o.chain << "  " << o.node.leftJustified(24) << ' '
                    << Tr::tr("height %1").arg(o.height) << "  " << o.headHash.left(12) << "…  "
                    << Tr::tr("lag %1").arg(o.lag) << "  "
                    << (o.peers >= 0 ? Tr::tr("peers %1").arg(o.peers) : Tr::tr("peers n/a"))
                    << "  " << o.state;
            // Details the chain feeds add (absent for the demo's nodes).
            if (o.blockTime > 0) {
                ctx.out << "  " << Tr::tr("age %1 s").arg(double(o.observed - o.blockTime) / 1000.0, 0, 'f', 1);
            }
            if (o.latencyMs >= 0) {
                ctx.out << "  " << Tr::tr("%1 ms").arg(o.latencyMs);
            }
            if (o.syncing) {
                ctx.out << "  " << Tr::tr("syncing");
            }
            if (!o.error.isEmpty()) {
                ctx.out << "  " << o.error;
            }
            ctx.out << '\n';
        }
    }
    return Success;
}

// SIGINT/SIGTERM end a running command cleanly through the event loop.
int s_signalFds[2] = { -1, -1 };

void onSignal(int)
{
    const char c = 1;
    [[maybe_unused]] const auto n = ::write(s_signalFds[0], &c, 1);
}

void installStopSignals(QObject *context, const std::function<void()> &onStop)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, s_signalFds) != 0) {
        return;
    }
    auto *notifier = new QSocketNotifier(s_signalFds[1], QSocketNotifier::Read, context);
    QObject::connect(notifier, &QSocketNotifier::activated, context, [notifier, onStop] {
        char c = 0;
        [[maybe_unused]] const auto n = ::read(s_signalFds[1], &c, 1);
        notifier->setEnabled(false);
        onStop();
    });
    struct sigaction sa = {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
}

// ---- serve ----
int cmdServe(Context &ctx, const QStringList &args)
{
    const QString name = u"serve"_s;
    QCommandLineParser p;
    addGlobalOptions(p);
    p.addOption({ u"config"_s, Tr::tr("The feeds configuration (FEEDS.json)."), u"FILE"_s });
    p.addOption({ u"for"_s, Tr::tr("Stop after SECONDS."), u"SECONDS"_s });
    p.addOption({ u"vault"_s, Tr::tr("The secret vault (for *_vault keys)."), u"FILE"_s });
    if (!p.parse(args)) {
        return ctx.fail(name, p.errorText());
    }
    if (p.isSet(u"help"_s)) {
        ctx.out << Tr::tr("Usage: %1 serve --config FEEDS.json [--for SECONDS] [--vault FILE]\n"
                          "Runs the feeds headless; SIGINT or SIGTERM stop them cleanly after the "
                          "last batch is stored.\n")
                       .arg(kProgram);
        return Success;
    }
    if (p.isSet(u"store"_s)) {
        ctx.storeLocation = p.value(u"store"_s);
    }
    if (!p.isSet(u"config"_s)) {
        return ctx.fail(name, Tr::tr("--config FEEDS.json is required"));
    }
    double seconds = 0;
    if (p.isSet(u"for"_s)) {
        bool ok = false;
        seconds = p.value(u"for"_s).toDouble(&ok);
        if (!ok || seconds <= 0) {
            return ctx.fail(name, Tr::tr("--for: \"%1\" is not a duration").arg(p.value(u"for"_s)));
        }
    }
    const QString configPath = p.value(u"config"_s);
    if (!QFileInfo::exists(configPath)) {
        return ctx.fail(name, Tr::tr("%1: no such file").arg(configPath));
    }
    Storage::StoreWriter writer(ctx.storeLocation);
    Feeds::FeedManager feeds(&writer);
    if (const Storage::Status s = feeds.load(configPath); !s) {
        return ctx.fail(name, s.error());
    }
    // Feeds naming vault entries: the passphrase from the environment or the terminal. Without
    // it those feeds stay down with the reason; the others run.
    feeds.setVaultPath(Feeds::Vault::resolvePath(p.value(u"vault"_s)));
    if (feeds.needsVault()) {
        QString error;
        QByteArray passphrase = vaultPassphrase(false, &error);
        Storage::Status unlocked = passphrase.isEmpty() ? Storage::Status::failure(error)
                                                        : feeds.unlockVault(passphrase);
        Feeds::wipe(passphrase);
        if (!unlocked) {
            ctx.err << kProgram << ": serve: "
                    << Tr::tr("vault: %1; feeds that name vault entries stay down")
                           .arg(unlocked.error())
                    << Qt::endl;
        }
    }
    for (const Feeds::FeedConfig &f : feeds.configs()) {
        if (f.settings.value(u"enabled"_s).toBool(true)
            && !Feeds::runnableFeedTypes().contains(f.type)) {
            return ctx.fail(name,
                Tr::tr("%1: feed \"%2\": type %3 is not available in this version")
                    .arg(configPath, f.id, f.type));
        }
    }
    if (const Storage::Status s = writer.start(); !s) {
        return ctx.fail(name, s.error());
    }
    // Each feed resumes from the cursor committed with its last batch, on its own thread.
    if (const Storage::Status s = feeds.startAll(); !s) {
        feeds.stopAll();
        writer.stop();
        return ctx.fail(name, Tr::tr("%1: %2").arg(configPath, s.error()));
    }

    QEventLoop loop;
    bool interrupted = false;
    installStopSignals(&loop, [&] {
        interrupted = true;
        loop.quit();
    });
    if (seconds > 0) {
        QTimer::singleShot(static_cast<int>(seconds * 1000.0), &loop, &QEventLoop::quit);
    }
    loop.exec();

    feeds.stopAll();
    writer.stop(); // every submitted batch is committed before this returns

    QJsonArray summary;
    if (auto store = ctx.openStore(Storage::AlertStore::Mode::ReadOnly)) {
        if (const auto status = store.value()->feeds()) {
            for (const Storage::FeedStatus &f : *status) {
                summary.append(QJsonObject { { u"id"_s, f.id }, { u"accepted"_s, f.accepted },
                    { u"duplicates"_s, f.duplicates }, { u"quarantined"_s, f.quarantined },
                    { u"skipped"_s, f.skipped }, { u"last_error"_s, f.lastError } });
            }
        }
    }
    ctx.printJson({ { u"feeds"_s, summary }, { u"interrupted"_s, interrupted } });
    return Success;
}

// ---- demo ----
int cmdDemo(Context &ctx, const QStringList &args)
{
    const QString name = u"demo"_s;
    QCommandLineParser p;
    addGlobalOptions(p);
    p.addOption(
        { u"seconds"_s, Tr::tr("Wall-clock seconds to run (default 10)."), u"N"_s, u"10"_s });
    p.addOption(
        { u"speed"_s, Tr::tr("Simulated seconds per second (default 60)."), u"X"_s, u"60"_s });
    p.addOption({ u"seed"_s, Tr::tr("Random seed (default 1)."), u"S"_s, u"1"_s });
    p.addOption({ u"scenario"_s,
        Tr::tr("Scenario: bank-day (the generated day, default), payment-gateway, "
               "consortium-chain, insider-exfiltration or a .json file."),
        u"NAME"_s, u"bank-day"_s });
    p.addOption(
        { u"start"_s, Tr::tr("Simulated start time (default: 24 h ago, on the hour)."), u"T"_s });
    p.addOption({ u"instant"_s, Tr::tr("Write the simulated span at once instead of pacing it.") });
    if (const auto done = parseCommand(ctx, p, args, name,
            Tr::tr("Usage: %1\n"
                   "Runs SECONDS × SPEED simulated seconds of the scenario (at most one "
                   "simulated day).\n")
                .arg(kProgram + u' ' + commands().at(6).synopsis))) {
        return *done;
    }
    bool ok = false;
    const double seconds = p.value(u"seconds"_s).toDouble(&ok);
    if (!ok || seconds < 0) {
        return ctx.fail(
            name, Tr::tr("--seconds: \"%1\" is not a duration").arg(p.value(u"seconds"_s)));
    }
    const double speed = p.value(u"speed"_s).toDouble(&ok);
    if (!ok || speed <= 0 || speed > 1e6) {
        return ctx.fail(name,
            Tr::tr("--speed: \"%1\" is not a speed between 0 and 1000000")
                .arg(p.value(u"speed"_s)));
    }
    const quint64 seed = p.value(u"seed"_s).toULongLong(&ok);
    if (!ok) {
        return ctx.fail(name, Tr::tr("--seed: \"%1\" is not a number").arg(p.value(u"seed"_s)));
    }
    int status = Success;
    const auto start = timeOption(p, u"start"_s, ctx, name, &status);
    if (status != Success) {
        return status;
    }
    // bank-day is the generated day; every other name is a scenario file (docs/scenarios.md):
    // one shipped in the resources, or a path ending in .json.
    const QString scenarioName = p.value(u"scenario"_s);
    std::shared_ptr<const Feeds::ScenarioSource> scenario;
    if (scenarioName != u"bank-day"_s) {
        Feeds::ScenarioError error;
        auto scripted = Feeds::ScriptedScenario::load(scenarioName, seed, 0, &error);
        if (scripted) {
            // Without --start the story ends now, so no event lies in the future.
            scripted = Feeds::ScriptedScenario::load(scenarioName, seed,
                start.value_or(Feeds::DemoFeed::defaultStartFor(scripted->durationMs())), &error);
        }
        if (!scripted) {
            if (!scenarioName.endsWith(u".json"_s) && error.line == 0) {
                return ctx.fail(name,
                    Tr::tr("unknown scenario \"%1\" (available: %2)")
                        .arg(scenarioName,
                            (QStringList { u"bank-day"_s }
                                + Feeds::ScriptedScenario::builtInNames())
                                .join(u", "_s)));
            }
            return ctx.fail(name, error.toString());
        }
        scenario = std::move(scripted);
    }

    Storage::StoreWriter writer(ctx.storeLocation);
    if (const Storage::Status s = writer.start(); !s) {
        return ctx.fail(name, s.error());
    }
    Feeds::DemoOptions options;
    options.seed = seed;
    options.speed = speed;
    options.start = start.value_or(0);
    Feeds::DemoFeed feed = scenario ? Feeds::DemoFeed(&writer, scenario, options)
                                    : Feeds::DemoFeed(&writer, options);
    qint64 accepted = 0;
    QObject::connect(
        &feed, &Feeds::DemoFeed::batchCommitted, &feed, [&accepted](int n) { accepted += n; });
    const qint64 spanMs = static_cast<qint64>(seconds * speed * 1000.0);
    const Core::TimestampMs simFrom = feed.scenario().start();
    Core::TimestampMs simTo = simFrom;
    QObject::connect(&feed, &Feeds::DemoFeed::simulatedTime, &feed,
        [&simTo](qint64 t) { simTo = std::max(simTo, t); });
    bool interrupted = false;

    if (p.isSet(u"instant"_s)) {
        feed.runUntil(simFrom + spanMs);
    } else {
        QEventLoop loop;
        installStopSignals(&loop, [&] {
            interrupted = true;
            loop.quit();
        });
        QObject::connect(&feed, &Feeds::DemoFeed::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(static_cast<int>(seconds * 1000.0), &loop, &QEventLoop::quit);
        feed.start();
        loop.exec();
        feed.pause(); // flushes the last partial tick
    }
    feed.stop();
    writer.stop(); // drains every submitted batch
    QCoreApplication::processEvents(); // deliver the last commit notifications
    ctx.printJson({ { u"scenario"_s, feed.scenario().name() }, { u"seed"_s, QString::number(seed) },
        { u"simulated_from"_s, Core::formatIsoTimestamp(simFrom) },
        { u"simulated_to"_s, Core::formatIsoTimestamp(std::max(simTo, simFrom)) },
        { u"accepted"_s, accepted }, { u"interrupted"_s, interrupted } });
    return Success;
}

// ---- verify ----
QJsonObject verifyReportToJson(const Storage::VerifyReport &r)
{
    QJsonArray problems;
    for (const QString &problem : r.problems) {
        problems.append(problem);
    }
    QJsonObject o { { u"ok"_s, r.ok }, { u"incremental"_s, r.incremental },
        { u"from_leaf"_s, r.fromLeaf }, { u"leaves_checked"_s, r.leavesChecked },
        { u"checkpoints_checked"_s, r.checkpointsChecked }, { u"tree_size"_s, r.treeSize },
        { u"signed_size"_s, r.signedSize }, { u"root"_s, QString::fromLatin1(r.root.toHex()) },
        { u"first_problem"_s, r.ok ? QJsonValue(QJsonValue::Null) : QJsonValue(r.firstProblem) },
        { u"problem_count"_s, r.problemCount }, { u"problems"_s, problems },
        { u"key_id"_s, r.keyId }, { u"public_key_pem"_s, QString::fromLatin1(r.publicKeyPem) },
        { u"pruned_records"_s, r.prunedRecords }, { u"prune_records"_s, r.pruneRecords } };
    if (r.latest) {
        const Storage::Checkpoint &c = *r.latest;
        o.insert(u"latest_checkpoint"_s,
            QJsonObject { { u"id"_s, c.id }, { u"tree_size"_s, c.treeSize },
                { u"root"_s, QString::fromLatin1(c.root.toHex()) },
                { u"ts"_s, Core::formatIsoTimestamp(c.ts) }, { u"ts_ms"_s, c.ts },
                { u"signature"_s, QString::fromLatin1(c.signature.toHex()) },
                { u"key_id"_s, c.keyId }, { u"message"_s, QString::fromLatin1(c.message()) } });
    } else {
        o.insert(u"latest_checkpoint"_s, QJsonValue(QJsonValue::Null));
    }
    return o;
}

// ---- backup ----
int cmdBackup(Context &ctx, const QStringList &args)
{
    const QString name = u"backup"_s;
    QCommandLineParser p;
    addGlobalOptions(p);
    p.addOption({ u"out"_s, Tr::tr("The new file to write the copy to."), u"FILE"_s });
    p.addOption({ u"verify"_s, Tr::tr("Verify the copy's hash chain and signatures as well.") });
    if (const auto done = parseCommand(ctx, p, args, name,
            Tr::tr("Usage: %1 backup --out FILE [--verify] [--json]\n"
                   "Copies the store with SQLite's online backup API: one consistent snapshot, "
                   "taken while feeds go on writing. FILE must not exist.\n")
                .arg(kProgram))) {
        return *done;
    }
    if (!p.isSet(u"out"_s) || p.value(u"out"_s).isEmpty()) {
        return ctx.fail(name, Tr::tr("--out FILE is required"));
    }
    const QString out = p.value(u"out"_s);
    // A shared store is backed up by PostgreSQL's tools, not copied into a file here: say so
    // before connecting (the server may be the very thing that is down).
    if (Storage::PgLocation::isPostgres(ctx.storeLocation)) {
        const auto location = Storage::PgLocation::parse(ctx.storeLocation);
        return ctx.fail(name,
            Storage::pgBackupMessage(location ? location->display : Tr::tr("the store")));
    }
    auto store = ctx.openStore(Storage::AlertStore::Mode::ReadOnly);
    if (!store) {
        return ctx.fail(name, store.error());
    }
    QElapsedTimer clock;
    clock.start();
    if (const Storage::Status s = store.value()->backup(out); !s) {
        return ctx.fail(name, s.error(), ProblemFound);
    }
    QJsonObject result { { u"out"_s, out }, { u"bytes"_s, QFileInfo(out).size() },
        { u"ms"_s, clock.elapsed() } };
    if (p.isSet(u"verify"_s)) {
        auto copy = Storage::createStore(out);
        if (!copy || !copy.value()->open(Storage::AlertStore::Mode::ReadOnly)) {
            return ctx.fail(name, Tr::tr("%1: the copy cannot be opened").arg(out), ProblemFound);
        }
        const auto report = copy.value()->verify(false);
        if (!report || !report->ok) {
            return ctx.fail(name,
                Tr::tr("%1: the copy does not verify: %2")
                    .arg(out, report ? report->firstProblem : report.error()),
                ProblemFound);
        }
        result.insert(u"verified"_s, true);
        result.insert(u"records"_s, report->treeSize);
    }
    ctx.printJson(result);
    return Success;
}

// ---- compact ----
int cmdCompact(Context &ctx, const QStringList &args)
{
    const QString name = u"compact"_s;
    QCommandLineParser p;
    addGlobalOptions(p);
    if (const auto done = parseCommand(ctx, p, args, name,
            Tr::tr("Usage: %1 compact [--json]\n"
                   "Rewrites the store without the free pages a prune or a schema upgrade left "
                   "inside it (SQLite's VACUUM), so the file shrinks. Needs free disk space as "
                   "large as the store, and holds the store's write lock until done: stop the "
                   "console and `serve` first. Nothing stored changes, and verify still "
                   "passes.\n")
                .arg(kProgram))) {
        return *done;
    }
    // Said before connecting, as for backup: nothing to do on the server.
    if (Storage::PgLocation::isPostgres(ctx.storeLocation)) {
        const auto location = Storage::PgLocation::parse(ctx.storeLocation);
        return ctx.fail(name,
            Tr::tr("%1 is a PostgreSQL store, which PostgreSQL compacts itself (autovacuum, or "
                   "VACUUM FULL); compact is for SQLite stores")
                .arg(location ? location->display : Tr::tr("the store")));
    }
    auto store = ctx.openStore(Storage::AlertStore::Mode::ReadWrite);
    if (!store) {
        return ctx.fail(name, store.error());
    }
    QElapsedTimer clock;
    clock.start();
    const auto result = store.value()->compact();
    if (!result) {
        return ctx.fail(name, result.error(), ProblemFound);
    }
    if (ctx.json) {
        ctx.printJson(QJsonObject { { u"bytes_before"_s, result->bytesBefore },
            { u"bytes_after"_s, result->bytesAfter },
            { u"free_pages_before"_s, result->freePagesBefore },
            { u"log_merged"_s, result->logMerged }, { u"ms"_s, clock.elapsed() } });
    } else {
        ctx.out << Tr::tr("compacted %1: %2 MB before, %3 MB after (%4 s)")
                       .arg(ctx.storeLocation)
                       .arg(double(result->bytesBefore) / 1e6, 0, 'f', 1)
                       .arg(double(result->bytesAfter) / 1e6, 0, 'f', 1)
                       .arg(double(clock.elapsed()) / 1e3, 0, 'f', 1)
                << '\n';
        if (!result->logMerged) {
            ctx.out << Tr::tr("a reader still holds the write-ahead log; it is merged into the "
                              "store when that reader is done")
                    << '\n';
        }
    }
    return Success;
}

// "30d", "12h", "90m", "45s" or plain seconds → milliseconds; nullopt when malformed.
std::optional<qint64> parseAge(const QString &text)
{
    static const QList<std::pair<QChar, qint64>> units { { u'd', 86'400'000LL },
        { u'h', 3'600'000LL }, { u'm', 60'000LL }, { u's', 1'000LL } };
    QString number = text.trimmed();
    qint64 unit = 1'000;
    for (const auto &[suffix, ms] : units) {
        if (number.endsWith(suffix)) {
            number.chop(1);
            unit = ms;
            break;
        }
    }
    bool ok = false;
    const qint64 value = number.toLongLong(&ok);
    if (!ok || value < 0) {
        return std::nullopt;
    }
    return value * unit;
}

// ---- prune ----
int cmdPrune(Context &ctx, const QStringList &args)
{
    const QString name = u"prune"_s;
    QCommandLineParser p;
    addGlobalOptions(p);
    p.addOption({ u"older-than"_s,
        Tr::tr("Remove alerts received longer ago than AGE (30d, 12h, 90m, 45s)."), u"AGE"_s });
    p.addOption({ u"max-alerts"_s, Tr::tr("Keep at most N alerts, the newest."), u"N"_s });
    if (const auto done = parseCommand(ctx, p, args, name,
            Tr::tr("Usage: %1 prune [--older-than AGE] [--max-alerts N] [--json]\n"
                   "Removes the oldest alerts in arrival order, with their events and full-text "
                   "rows. Roll-ups, leaf hashes and checkpoints stay; a signed prune record says "
                   "what was removed, so verify still passes (docs/tamper-evidence.md).\n")
                .arg(kProgram))) {
        return *done;
    }
    Storage::RetentionPolicy policy;
    if (p.isSet(u"older-than"_s)) {
        policy.maxAgeMs = parseAge(p.value(u"older-than"_s));
        if (!policy.maxAgeMs) {
            return ctx.fail(name,
                Tr::tr("--older-than: \"%1\" is not an age like 30d").arg(p.value(u"older-than"_s)));
        }
    }
    if (p.isSet(u"max-alerts"_s)) {
        bool ok = false;
        const qint64 n = p.value(u"max-alerts"_s).toLongLong(&ok);
        if (!ok || n < 0) {
            return ctx.fail(name,
                Tr::tr("--max-alerts: \"%1\" is not a number").arg(p.value(u"max-alerts"_s)));
        }
        policy.maxAlerts = n;
    }
    if (!policy.isSet()) {
        return ctx.fail(name, Tr::tr("say what to keep: --older-than AGE and/or --max-alerts N"));
    }
    auto store = ctx.openStore(Storage::AlertStore::Mode::ReadWrite);
    if (!store) {
        return ctx.fail(name, store.error());
    }
    const auto result = store.value()->prune(policy, Core::nowMs());
    if (!result) {
        return ctx.fail(name, result.error(), ProblemFound);
    }
    if (ctx.json) {
        ctx.printJson(QJsonObject { { u"prune_record"_s, result->pruneId },
            { u"alerts"_s, result->alerts }, { u"events"_s, result->events },
            { u"first_alert"_s, result->firstAlert }, { u"last_alert"_s, result->lastAlert } });
    } else if (result->pruneId == 0) {
        ctx.out << Tr::tr("nothing to prune") << '\n';
    } else {
        ctx.out << Tr::tr("pruned %1 alerts (ids %2 to %3) and %4 events; prune record %5")
                       .arg(result->alerts)
                       .arg(result->firstAlert)
                       .arg(result->lastAlert)
                       .arg(result->events)
                       .arg(result->pruneId)
                << '\n';
    }
    return Success;
}

int cmdMigrate(Context &ctx, const QStringList &args)
{
    const QString name = u"migrate"_s;
    QCommandLineParser p;
    addGlobalOptions(p);
    p.addOption({ u"from"_s, Tr::tr("The store to copy."), u"STORE"_s });
    p.addOption({ u"to"_s, Tr::tr("The new, empty store to copy into."), u"STORE"_s });
    if (const auto done = parseCommand(ctx, p, args, name,
            Tr::tr("Usage: %1 migrate --from STORE --to STORE [--json]\n"
                   "Copies every record, leaf, checkpoint and incident of one store into a new, "
                   "empty one (a file or postgresql://user@host:port/db), in one transaction, "
                   "then checks it: rows per table, the Merkle root at the same size, and a full "
                   "verify. Exit 1 when the copy does not check out.\n")
                .arg(kProgram))) {
        return *done;
    }
    const QString from = p.value(u"from"_s);
    const QString to = p.value(u"to"_s);
    if (from.isEmpty() || to.isEmpty()) {
        return ctx.fail(name, Tr::tr("--from STORE and --to STORE are required"));
    }
    if (from == to) {
        return ctx.fail(name, Tr::tr("--from and --to name the same store"));
    }
    QElapsedTimer clock;
    clock.start();
    const auto report = Storage::migrateStore(from, to);
    if (!report) {
        return ctx.fail(name, report.error());
    }
    QJsonObject rows;
    for (auto it = report->rows.cbegin(); it != report->rows.cend(); ++it) {
        rows.insert(it.key(), it.value());
    }
    ctx.printJson({ { u"from"_s, report->from }, { u"to"_s, report->to },
        { u"alerts"_s, report->alerts }, { u"records"_s, report->treeSize },
        { u"root"_s, QString::fromLatin1(report->targetRoot.toHex()) },
        { u"verified"_s, report->verified }, { u"rows"_s, rows }, { u"ms"_s, clock.elapsed() } });
    if (!report->verified) {
        return ctx.fail(name, report->problem, ProblemFound);
    }
    return Success;
}

int cmdVerify(Context &ctx, const QStringList &args)
{
    const QString name = u"verify"_s;
    QCommandLineParser p;
    addGlobalOptions(p);
    p.addOption({ u"incremental"_s,
        Tr::tr("Check only what was added since the last successful verification.") });
    if (const auto done = parseCommand(ctx, p, args, name,
            Tr::tr("Usage: %1 verify [--incremental] [--json]\n"
                   "Recomputes every record's leaf hash, the Merkle root at each signed "
                   "checkpoint and each signature (see docs/tamper-evidence.md).\n")
                .arg(kProgram))) {
        return *done;
    }
    if (!p.positionalArguments().isEmpty()) {
        return ctx.fail(
            name, Tr::tr("unexpected argument \"%1\"").arg(p.positionalArguments().first()));
    }
    // A full check only reads (a regulator's copy needs no private key); incremental records
    // how far it got in the store, so it opens it read-write.
    const bool incremental = p.isSet(u"incremental"_s);
    auto store = ctx.openStore(
        incremental ? Storage::AlertStore::Mode::ReadWrite : Storage::AlertStore::Mode::ReadOnly);
    if (!store) {
        return ctx.fail(name, store.error());
    }
    // In steps: `serve` may be writing to the store meanwhile (storetypes.h).
    const auto report = store.value()->verifyInSteps(incremental, Storage::kVerifyBesideWriter);
    if (!report) {
        return ctx.fail(name, report.error(), ProblemFound);
    }
    if (ctx.json) {
        ctx.printJson(verifyReportToJson(*report));
    } else if (report->ok) {
        ctx.out << Tr::tr("ok: %1 leaves and %2 checkpoints checked; %3 records, %4 signed")
                       .arg(report->leavesChecked)
                       .arg(report->checkpointsChecked)
                       .arg(report->treeSize)
                       .arg(report->signedSize)
                << '\n'
                << Tr::tr("root %1, key %2")
                       .arg(QString::fromLatin1(report->root.toHex()), report->keyId)
                << '\n';
        if (report->pruneRecords > 0) {
            ctx.out << Tr::tr("%1 records pruned by %2 signed prune records (their leaf hashes "
                              "stand in for them)")
                           .arg(report->prunedRecords)
                           .arg(report->pruneRecords)
                    << '\n';
        }
    }
    if (!report->ok) {
        return ctx.fail(name, report->firstProblem, ProblemFound);
    }
    return Success;
}

// ---- Incidents (issue 6): app/cli/incidentcommands.cpp ----
int cmdIncidents(Context &ctx, const QStringList &args)
{
    return runIncidentsCommand(args, ctx.out, ctx.err, ctx.json, ctx.storeLocation);
}

int cmdIncident(Context &ctx, const QStringList &args)
{
    return runIncidentCommand(args, ctx.out, ctx.err, ctx.json, ctx.storeLocation);
}

// ---- Evidence packs (issue 7): app/cli/evidencecommands.cpp ----
int cmdExport(Context &ctx, const QStringList &args)
{
    return runExportCommand(args, ctx.out, ctx.err, ctx.json, ctx.storeLocation);
}

int cmdVerifyPack(Context &ctx, const QStringList &args)
{
    return runVerifyPackCommand(args, ctx.out, ctx.err, ctx.json, ctx.storeLocation);
}

// ---- Secrets (issue 9): app/cli/vaultcommands.cpp ----
int cmdVault(Context &ctx, const QStringList &args)
{
    return runVaultCommand(args, ctx.out, ctx.err, ctx.json);
}

} // namespace

int runCli(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    Context ctx(out, err);
    // Global options before the command.
    QStringList rest = arguments.mid(1);
    QString command;
    QStringList commandArgs { arguments.value(0, kProgram) };
    QStringList vaultArgs;
    while (!rest.isEmpty()) {
        const QString a = rest.takeFirst();
        if (!command.isEmpty()) {
            commandArgs << a;
        } else if (a == u"--help"_s || a == u"-h"_s || a == u"help"_s) {
            out << usageText();
            return Success;
        } else if (a == u"--version"_s || a == u"-v"_s) {
            out << kProgram << ' ' << QCoreApplication::applicationVersion() << '\n';
            return Success;
        } else if (a == u"--json"_s) {
            ctx.json = true;
        } else if (a == u"--vault"_s || a.startsWith(u"--vault="_s)) {
            // Handed to the command (vault, serve) as if it stood after it.
            if (a == u"--vault"_s && rest.isEmpty()) {
                return ctx.fail({}, Tr::tr("--vault needs a FILE"));
            }
            vaultArgs << u"--vault"_s << (a == u"--vault"_s ? rest.takeFirst() : a.mid(8));
        } else if (a == u"--store"_s || a.startsWith(u"--store="_s)) {
            if (a == u"--store"_s) {
                if (rest.isEmpty()) {
                    return ctx.fail({}, Tr::tr("--store needs a PATH"));
                }
                ctx.storeLocation = rest.takeFirst();
            } else {
                ctx.storeLocation = a.mid(8);
            }
        } else if (a.startsWith(u'-')) {
            return ctx.fail({}, Tr::tr("unknown option \"%1\"; see --help").arg(a));
        } else {
            command = a;
        }
    }
    if (command.isEmpty()) {
        err << usageText();
        return BadUsage;
    }
    using Handler = int (*)(Context &, const QStringList &);
    const QList<std::pair<QString, Handler>> handlers {
        { u"ingest"_s, cmdIngest },
        { u"alerts"_s, cmdAlerts },
        { u"stats"_s, cmdStats },
        { u"quarantine"_s, cmdQuarantine },
        { u"chain-status"_s, cmdChainStatus },
        { u"demo"_s, cmdDemo },
        { u"verify"_s, cmdVerify },
        { u"serve"_s, cmdServe },
        { u"backup"_s, cmdBackup },
        { u"compact"_s, cmdCompact },
        { u"prune"_s, cmdPrune },
        { u"incidents"_s, cmdIncidents },
        { u"incident"_s, cmdIncident },
        { u"export"_s, cmdExport },
        { u"verify-pack"_s, cmdVerifyPack },
        { u"migrate"_s, cmdMigrate },
        { u"vault"_s, cmdVault },
    };
    for (const auto &[name, handler] : handlers) {
        if (name == command) {
            // Each handler reads --store itself when it stands after the command.
            const QString before = ctx.storeLocation;
            QStringList withStore = commandArgs;
            if (name == u"vault"_s || name == u"serve"_s) {
                withStore += vaultArgs;
            }
            if (!before.isEmpty() && !commandArgs.contains(u"--store"_s)) {
                withStore << u"--store"_s << before;
            }
            ctx.storeLocation = Storage::resolveStoreLocation(before);
            return handler(ctx, withStore);
        }
    }

    return ctx.fail({}, Tr::tr("unknown command \"%1\"; see --help").arg(command));
}

} // namespace Lakeguard::Cli
