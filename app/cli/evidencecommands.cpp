// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "evidencecommands.h"

#include "alertstore.h"
#include "clicommands.h"
#include "evidencepack.h"
#include "packverifier.h"
#include "timeutil.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstring>

using namespace Qt::StringLiterals;

namespace Lakeguard::Cli {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(LakeguardCli)
};

const QString kProgram = u"lakeguard-cli"_s;

int fail(QTextStream &err, const QString &command, const QString &message, int code = BadUsage)
{
    err << kProgram << ": " << command << ": " << message << Qt::endl;
    return code;
}

void printJson(QTextStream &out, const QJsonObject &o)
{
    out << QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)) << '\n';
}

void addCommon(QCommandLineParser &p)
{
    p.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    p.addOption({ u"store"_s, Tr::tr("The store."), u"PATH"_s });
    p.addOption({ u"json"_s, Tr::tr("Machine-readable output.") });
    p.addOption({ u"help"_s, Tr::tr("Show help.") });
}

} // namespace

QString exportSynopsis()
{
    return u"export --out DIR [--zip FILE] [--incident ID ... | --since T --until T] "
           "[--tlp LEVEL] [--tlp-cap LEVEL] [--lang en|zh_CN]"_s;
}

QString verifyPackSynopsis()
{
    return u"verify-pack [--key-id HEX] DIR|ZIP"_s;
}

bool commandNeedsGui(int argc, char **argv)
{
    // The first word that is not an option (or an option's value) is the command.
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--store") == 0) {
            ++i;
            continue;
        }
        if (argv[i][0] == '-') {
            continue;
        }
        return std::strcmp(argv[i], "export") == 0;
    }
    return false;
}

int runExportCommand(
    const QStringList &args, QTextStream &out, QTextStream &err, bool json, const QString &store)
{
    const QString name = u"export"_s;
    QCommandLineParser p;
    addCommon(p);
    p.addOption({ u"out"_s, Tr::tr("The pack folder (created; must be empty)."), u"DIR"_s });
    p.addOption({ u"zip"_s, Tr::tr("Also write the pack as this zip file."), u"FILE"_s });
    p.addOption({ u"incident"_s, Tr::tr("An incident to export (repeatable)."), u"ID"_s });
    p.addOption({ { u"since"_s, u"from"_s }, Tr::tr("Alerts from this time (ISO 8601)."), u"T"_s });
    p.addOption({ { u"until"_s, u"to"_s }, Tr::tr("Alerts before this time (ISO 8601)."), u"T"_s });
    p.addOption({ u"tlp"_s, Tr::tr("The pack's TLP marking."), u"LEVEL"_s });
    p.addOption({ u"tlp-cap"_s, Tr::tr("Leave out records above this TLP."), u"LEVEL"_s });
    p.addOption({ u"lang"_s, Tr::tr("Language of report.pdf: en or zh_CN."), u"LANG"_s, u"en"_s });
    if (!p.parse(args)) {
        return fail(err, name, p.errorText());
    }
    if (p.isSet(u"help"_s)) {
        out << Tr::tr("Usage: %1 %2\n"
                      "TLP levels: CLEAR, GREEN, AMBER, AMBER+STRICT, RED. See "
                      "docs/evidence-packs.md.\n")
                   .arg(kProgram, exportSynopsis());
        return Success;
    }
    json = json || p.isSet(u"json"_s);
    if (!p.positionalArguments().isEmpty()) {
        return fail(
            err, name, Tr::tr("unexpected argument \"%1\"").arg(p.positionalArguments().first()));
    }
    Evidence::ExportOptions o;
    o.storeLocation
        = p.isSet(u"store"_s) ? Storage::resolveStoreLocation(p.value(u"store"_s)) : store;
    o.outDir = p.value(u"out"_s);
    if (o.outDir.isEmpty()) {
        return fail(err, name, Tr::tr("--out DIR is required"));
    }
    o.zipFile = p.value(u"zip"_s);
    for (const QString &v : p.values(u"incident"_s)) {
        bool ok = false;
        const qint64 id = v.toLongLong(&ok);
        if (!ok || id <= 0) {
            return fail(err, name, Tr::tr("--incident: \"%1\" is not an incident id").arg(v));
        }
        o.incidents << id;
    }
    for (const QString &opt : { u"since"_s, u"until"_s }) {
        if (!p.isSet(opt)) {
            continue;
        }
        const auto t = Core::parseIsoTimestamp(p.value(opt));
        if (!t) {
            return fail(
                err, name, Tr::tr("--%1: \"%2\" is not an ISO 8601 time").arg(opt, p.value(opt)));
        }
        (opt == u"since"_s ? o.since : o.until) = *t;
    }
    if (!o.incidents.isEmpty() && (o.since || o.until)) {
        return fail(
            err, name, Tr::tr("give either --incident or a period (--since/--until), not both"));
    }
    for (const QString &opt : { u"tlp"_s, u"tlp-cap"_s }) {
        if (!p.isSet(opt)) {
            continue;
        }
        const auto t = Evidence::tlpFromName(p.value(opt));
        if (!t) {
            return fail(err, name,
                Tr::tr("--%1: \"%2\" is not a TLP level (CLEAR, GREEN, AMBER, "
                       "AMBER+STRICT, RED)")
                    .arg(opt, p.value(opt)));
        }
        (opt == u"tlp"_s ? o.tlp : o.cap) = *t;
    }
    o.language = p.value(u"lang"_s);
    o.generator = u"Lakeguard "_s + QCoreApplication::applicationVersion();
    if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance())) {
        return fail(err, name, Tr::tr("drawing report.pdf needs a QGuiApplication"));
    }
    const Evidence::ExportOutcome r = Evidence::exportPack(o);
    if (r.status != Evidence::ExportOutcome::Status::Ok) {
        return fail(err, name, r.error,
            r.status == Evidence::ExportOutcome::Status::Problem ? ProblemFound : BadUsage);
    }
    const Evidence::ExportSummary &s = r.summary;
    if (json) {
        printJson(out,
            QJsonObject {
                { u"out"_s, s.outDir },
                { u"zip"_s,
                    s.zipFile.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s.zipFile) },
                { u"tlp"_s, Evidence::tlpName(s.tlp) },
                { u"tlp_cap"_s,
                    s.cap ? QJsonValue(Evidence::tlpName(*s.cap)) : QJsonValue(QJsonValue::Null) },
                { u"alerts"_s, s.alerts },
                { u"alert_events"_s, s.alertEvents },
                { u"audit"_s, s.audit },
                { u"incidents"_s, s.incidents },
                { u"withheld"_s,
                    QJsonObject { { u"alerts"_s, s.withheldAlerts },
                        { u"alert_events"_s, s.withheldAlertEvents },
                        { u"audit"_s, s.withheldAudit } } },
                { u"checkpoint"_s,
                    QJsonObject { { u"id"_s, s.checkpoint.id },
                        { u"tree_size"_s, s.checkpoint.treeSize },
                        { u"root"_s, QString::fromLatin1(s.checkpoint.root.toHex()) } } },
                { u"bytes"_s, s.bytes },
            });
    } else {
        out << Tr::tr("wrote %1: %2 alerts, %3 alert events, %4 audit entries (TLP:%5); "
                      "checkpoint %6, tree size %7, root %8")
                   .arg(s.outDir)
                   .arg(s.alerts)
                   .arg(s.alertEvents)
                   .arg(s.audit)
                   .arg(Evidence::tlpName(s.tlp))
                   .arg(s.checkpoint.id)
                   .arg(s.checkpoint.treeSize)
                   .arg(QString::fromLatin1(s.checkpoint.root.toHex()))
            << '\n';
        const qint64 withheld = s.withheldAlerts + s.withheldAlertEvents + s.withheldAudit;
        if (withheld > 0) {
            out << Tr::tr("left out above TLP:%1: %2 alerts, %3 alert events, %4 audit entries")
                       .arg(Evidence::tlpName(*s.cap))
                       .arg(s.withheldAlerts)
                       .arg(s.withheldAlertEvents)
                       .arg(s.withheldAudit)
                << '\n';
        }
        if (!s.zipFile.isEmpty()) {
            out << Tr::tr("zip: %1").arg(s.zipFile) << '\n';
        }
    }
    return Success;
}

int runVerifyPackCommand(
    const QStringList &args, QTextStream &out, QTextStream &err, bool json, const QString &)
{
    const QString name = u"verify-pack"_s;
    QCommandLineParser p;
    addCommon(p);
    p.addOption(
        { u"key-id"_s, Tr::tr("The key id the pack must be signed with (pinned)."), u"HEX"_s });
    p.addPositionalArgument(u"pack"_s, Tr::tr("The pack folder or zip."));
    if (!p.parse(args)) {
        return fail(err, name, p.errorText());
    }
    if (p.isSet(u"help"_s)) {
        out << Tr::tr("Usage: %1 %2\nExit status: 0 intact and signed, 1 a check failed "
                      "(each is named), 2 unreadable input.\n")
                   .arg(kProgram, verifyPackSynopsis());
        return Success;
    }
    json = json || p.isSet(u"json"_s);
    if (p.positionalArguments().size() != 1) {
        return fail(err, name, Tr::tr("name one pack folder or zip file"));
    }
    const auto report = Evidence::verifyPack(p.positionalArguments().first(), p.value(u"key-id"_s));
    if (!report) {
        return fail(err, name, report.error(), BadUsage);
    }
    if (json) {
        QJsonArray problems;
        for (const QString &s : report->problems) {
            problems.append(s);
        }
        printJson(out,
            QJsonObject { { u"ok"_s, report->ok }, { u"problems"_s, problems },
                { u"key_id"_s, report->keyId }, { u"tlp"_s, report->tlp },
                { u"files"_s, report->files }, { u"records"_s, report->records },
                { u"checkpoint"_s,
                    QJsonObject { { u"id"_s, report->checkpoint.id },
                        { u"tree_size"_s, report->checkpoint.treeSize },
                        { u"root"_s, QString::fromLatin1(report->checkpoint.root.toHex()) } } } });
    } else if (report->ok) {
        out << Tr::tr("ok: %1 files and %2 record proofs checked against checkpoint %3 (tree size "
                      "%4, root %5); key %6; TLP:%7")
                   .arg(report->files)
                   .arg(report->records)
                   .arg(report->checkpoint.id)
                   .arg(report->checkpoint.treeSize)
                   .arg(QString::fromLatin1(report->checkpoint.root.toHex()), report->keyId,
                       report->tlp)
            << '\n';
    } else {
        for (const QString &s : report->problems.mid(1)) {
            out << s << '\n';
        }
    }
    if (!report->ok) {
        return fail(err, name, report->problems.value(0), ProblemFound);
    }
    return Success;
}

} // namespace Lakeguard::Cli
