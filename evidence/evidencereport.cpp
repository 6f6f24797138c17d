// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "evidencereport.h"

#include "timeutil.h"

#include <QAbstractTextDocumentLayout>
#include <QCoreApplication>
#include <QFont>
#include <QImage>
#include <QPainter>
#include <QPainterPath>
#include <QPdfWriter>
#include <QTextDocument>
#include <QTranslator>
#include <QUrl>

#include <algorithm>
#include <array>

using namespace Qt::StringLiterals;

namespace Lakeguard::Evidence {

namespace {

// The report's own translations: the pack's language, whatever the UI's (the GUI may export a
// Chinese report from an English session), so no global translator is touched.
constexpr char kContext[] = "EvidenceReport";
constexpr int kMaxAlertRows = 250;   // QTextDocument lays out big tables slowly (1000 rows: ~15 s)
constexpr int kMaxAuditRows = 250;

class Texts
{
public:
    explicit Texts(const QString &language)
    {
        if (language == u"zh_CN"_s) {
            m_loaded = m_translator.load(u":/evidence-i18n/lakeguard_zh_CN.qm"_s);
        }
    }
    QString operator()(const char *source) const
    {
        if (m_loaded) {
            const QString t = m_translator.translate(kContext, source);
            if (!t.isEmpty()) {
                return t;
            }
        }
        return QString::fromUtf8(source);
    }

private:
    QTranslator m_translator;
    bool m_loaded = false;
};

const std::array<QColor, Core::kSeverityCount> kSeverityColors { QColor(0x9e, 0x9e, 0x9e),
    QColor(0x42, 0x85, 0xf4), QColor(0xf2, 0xb1, 0x1d), QColor(0xef, 0x6c, 0x00),
    QColor(0xc6, 0x28, 0x28) };

QColor tlpColor(Tlp t)
{
    switch (t) {
    case Tlp::Clear:
        return Qt::white;
    case Tlp::Green:
        return QColor(0x33, 0xff, 0x00);
    case Tlp::Amber:
    case Tlp::AmberStrict:
        return QColor(0xff, 0xc0, 0x00);
    case Tlp::Red:
        return QColor(0xff, 0x2b, 0x2b);
    }
    return Qt::white;
}

QString esc(const QString &s)
{
    return s.toHtmlEscaped();
}

QString when(Core::TimestampMs ms)
{
    return Core::formatIsoTimestamp(ms);
}

QString severityText(const Texts &t, Core::Severity s)
{
    switch (s) {
    case Core::Severity::Info:
        return t(QT_TRANSLATE_NOOP("EvidenceReport", "info"));
    case Core::Severity::Low:
        return t(QT_TRANSLATE_NOOP("EvidenceReport", "low"));
    case Core::Severity::Medium:
        return t(QT_TRANSLATE_NOOP("EvidenceReport", "medium"));
    case Core::Severity::High:
        return t(QT_TRANSLATE_NOOP("EvidenceReport", "high"));
    case Core::Severity::Critical:
        return t(QT_TRANSLATE_NOOP("EvidenceReport", "critical"));
    }
    return {};
}

QFont reportFont(const QString &language, qreal points)
{
    QFont f;
    // Latin first, then a CJK face, so Chinese never renders as boxes (fonts-noto-cjk).
    f.setFamilies(language == u"zh_CN"_s
            ? QStringList { u"Noto Sans CJK SC"_s, u"Noto Sans"_s, u"DejaVu Sans"_s }
            : QStringList { u"Noto Sans"_s, u"DejaVu Sans"_s, u"Noto Sans CJK SC"_s });
    f.setPointSizeF(points);
    return f;
}

// Alerts over time, stacked by severity, with the audit entries as marks on a lane below.
QImage timelineImage(
    const ReportInput &in, const Texts &t, Core::TimestampMs from, Core::TimestampMs to)
{
    QImage img(2400, 800, QImage::Format_RGB32);
    img.fill(Qt::white);
    QPainter p(&img);
    p.setRenderHint(QPainter::Antialiasing);
    p.setFont(reportFont(in.language, 9));
    p.setFont([&] {
        QFont f = reportFont(in.language, 9);
        f.setPixelSize(26);
        return f;
    }());
    const QRectF plot(110, 40, 2260, 560);
    const QRectF lane(110, 640, 2260, 60);
    constexpr int kBuckets = 60;
    const qint64 span = std::max<qint64>(1, to - from);
    std::vector<std::array<qint64, Core::kSeverityCount>> counts(kBuckets);
    for (const ReportAlert &a : in.alerts) {
        const int b = std::clamp(int((a.ts - from) * kBuckets / span), 0, kBuckets - 1);
        ++counts[b][int(a.severity)];
    }
    qint64 top = 1;
    for (const auto &c : counts) {
        qint64 sum = 0;
        for (const qint64 n : c) {
            sum += n;
        }
        top = std::max(top, sum);
    }
    p.setPen(QColor(0xcc, 0xcc, 0xcc));
    for (int i = 0; i <= 4; ++i) {
        const qreal y = plot.bottom() - plot.height() * i / 4;
        p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
        p.setPen(Qt::black);
        p.drawText(QRectF(0, y - 16, 100, 32), Qt::AlignRight | Qt::AlignVCenter,
            QString::number(top * i / 4));
        p.setPen(QColor(0xcc, 0xcc, 0xcc));
    }
    const qreal w = plot.width() / kBuckets;
    for (int b = 0; b < kBuckets; ++b) {
        qreal y = plot.bottom();
        for (int s = 0; s < Core::kSeverityCount; ++s) {
            const qreal h = plot.height() * counts[b][s] / top;
            if (h > 0) {
                p.fillRect(QRectF(plot.left() + b * w + 2, y - h, w - 4, h), kSeverityColors[s]);
                y -= h;
            }
        }
    }
    p.setPen(Qt::black);
    p.drawLine(plot.bottomLeft(), plot.bottomRight());
    p.drawText(QRectF(0, lane.top(), 105, lane.height()), Qt::AlignRight | Qt::AlignVCenter,
        t(QT_TRANSLATE_NOOP("EvidenceReport", "audit")));
    p.fillRect(lane, QColor(0xf4, 0xf4, 0xf4));
    p.setBrush(QColor(0x37, 0x47, 0x4f));
    for (const Storage::AuditEntry &e : in.audit) {
        const qreal x
            = lane.left() + lane.width() * std::clamp<qreal>(qreal(e.ts - from) / span, 0, 1);
        QPainterPath mark;
        mark.moveTo(x, lane.top() + 8);
        mark.lineTo(x - 10, lane.bottom() - 8);
        mark.lineTo(x + 10, lane.bottom() - 8);
        mark.closeSubpath();
        p.drawPath(mark);
    }
    p.drawText(QRectF(plot.left(), 720, 1000, 40), Qt::AlignLeft, when(from));
    p.drawText(QRectF(plot.right() - 1000, 720, 1000, 40), Qt::AlignRight, when(to));
    // Legend
    qreal x = plot.left() + 1100;
    for (int s = Core::kSeverityCount - 1; s >= 0; --s) {
        p.fillRect(QRectF(x, 760, 24, 24), kSeverityColors[s]);
        const QString name = severityText(t, Core::Severity(s));
        p.drawText(QRectF(x + 30, 752, 220, 40), Qt::AlignLeft | Qt::AlignVCenter, name);
        x += 220;
    }
    return img;
}

// Horizontal bars: label, value, colour.
QImage barsImage(const ReportInput &in, const QList<std::tuple<QString, double, QColor>> &bars,
    const QString &unit)
{
    const int rows = std::max<int>(1, int(bars.size()));
    QImage img(2400, 60 + rows * 56, QImage::Format_RGB32);
    img.fill(Qt::white);
    QPainter p(&img);
    p.setRenderHint(QPainter::Antialiasing);
    QFont f = reportFont(in.language, 9);
    f.setPixelSize(26);
    p.setFont(f);
    double top = 1;
    for (const auto &b : bars) {
        top = std::max(top, std::get<1>(b));
    }
    const qreal left = 760;
    const qreal width = 1400;
    for (int i = 0; i < bars.size(); ++i) {
        const auto &[label, value, colour] = bars.at(i);
        const qreal y = 30 + i * 56;
        p.setPen(Qt::black);
        p.drawText(QRectF(0, y, left - 20, 44), Qt::AlignRight | Qt::AlignVCenter,
            p.fontMetrics().elidedText(label, Qt::ElideRight, int(left - 30)));
        const qreal w = width * value / top;
        p.fillRect(QRectF(left, y + 6, std::max<qreal>(w, 2), 32), colour);
        p.drawText(QRectF(left + w + 12, y, 400, 44), Qt::AlignLeft | Qt::AlignVCenter,
            QString::number(value, 'f', unit.isEmpty() ? 0 : 1) + unit);
    }
    return img;
}

} // namespace

Storage::Status writeReport(const ReportInput &in, const QString &path)
{
    const Texts t(in.language);
    QPdfWriter writer(path);
    writer.setResolution(300);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
    writer.setTitle(t(QT_TRANSLATE_NOOP("EvidenceReport", "Lakeguard evidence pack")));
    writer.setCreator(in.generator);
    QPainter painter;
    if (!painter.begin(&writer)) {
        return Storage::Status::failure(u"%1: cannot write the PDF"_s.arg(path));
    }
    const QRectF page = writer.pageLayout().paintRectPixels(writer.resolution());
    const qreal header = 110;
    const qreal footer = 90;
    const QSizeF body(page.width(), page.height() - header - footer);

    // Period shown: the one asked for, else the span of the alerts.
    Core::TimestampMs from = in.since.value_or(0);
    Core::TimestampMs to = in.until.value_or(0);
    if (!in.alerts.isEmpty()) {
        auto [lo, hi] = std::minmax_element(in.alerts.cbegin(), in.alerts.cend(),
            [](const ReportAlert &a, const ReportAlert &b) { return a.ts < b.ts; });
        if (!in.since) {
            from = lo->ts;
        }
        if (!in.until) {
            to = hi->ts + 1;
        }
    }
    if (to <= from) {
        to = from + 1;
    }

    QTextDocument doc;
    doc.documentLayout()->setPaintDevice(&writer);
    doc.setDefaultFont(reportFont(in.language, 9.5));
    doc.setPageSize(body);
    doc.setDocumentMargin(0);
    doc.addResource(
        QTextDocument::ImageResource, QUrl(u"chart://timeline"_s), timelineImage(in, t, from, to));
    std::array<qint64, Core::kSeverityCount> bySeverity {};
    QMap<QString, qint64> byCategory;
    for (const ReportAlert &a : in.alerts) {
        ++bySeverity[int(a.severity)];
        ++byCategory[a.category];
    }
    QList<std::tuple<QString, double, QColor>> sevBars;
    for (int s = Core::kSeverityCount - 1; s >= 0; --s) {
        sevBars << std::tuple { severityText(t, Core::Severity(s)), double(bySeverity[s]),
            kSeverityColors[s] };
    }
    QList<std::tuple<QString, double, QColor>> catBars;
    for (auto it = byCategory.cbegin(); it != byCategory.cend(); ++it) {
        catBars << std::tuple { it.key(), double(it.value()), QColor(0x37, 0x47, 0x4f) };
    }
    QList<Storage::IncidentRow> byRisk = in.incidents;
    std::sort(
        byRisk.begin(), byRisk.end(), [](const auto &a, const auto &b) { return a.risk > b.risk; });
    QList<std::tuple<QString, double, QColor>> riskBars;
    for (const Storage::IncidentRow &r : byRisk.mid(0, 15)) {
        riskBars << std::tuple { u"#%1 %2"_s.arg(r.id.value).arg(r.title), r.risk,
            kSeverityColors[int(r.severity)] };
    }
    doc.addResource(
        QTextDocument::ImageResource, QUrl(u"chart://severity"_s), barsImage(in, sevBars, {}));
    doc.addResource(
        QTextDocument::ImageResource, QUrl(u"chart://category"_s), barsImage(in, catBars, {}));
    if (!riskBars.isEmpty()) {
        doc.addResource(
            QTextDocument::ImageResource, QUrl(u"chart://risk"_s), barsImage(in, riskBars, {}));
    }
    const int imgWidth = int(body.width());

    // ---- Cover ----
    QString scope;
    if (!in.scopeIncidents.isEmpty()) {
        QStringList ids;
        for (const qint64 id : in.scopeIncidents) {
            ids << u"#"_s + QString::number(id);
        }
        scope = t(QT_TRANSLATE_NOOP("EvidenceReport", "Incidents %1")).arg(ids.join(u", "_s));
    } else if (in.since || in.until) {
        scope = t(QT_TRANSLATE_NOOP("EvidenceReport", "Alerts of a period"));
    } else {
        scope = t(QT_TRANSLATE_NOOP("EvidenceReport", "Every alert in the store"));
    }
    auto row = [](const QString &k, const QString &v) -> QString {
        return u"<tr><td style='padding:4px 12px 4px 0'><b>"_s + esc(k)
            + u"</b></td><td style='padding:4px 0'>"_s + v + u"</td></tr>"_s;
    };
    QString html = u"<html><body>"_s;
    html += u"<h1 style='font-size:22pt'>"_s
        + esc(t(QT_TRANSLATE_NOOP("EvidenceReport", "Lakeguard evidence pack"))) + u"</h1>"_s;
    html += u"<p style='font-size:13pt'>TLP:"_s + esc(tlpName(in.tlp)) + u"</p>"_s;
    html += u"<table cellspacing='0'>"_s;
    html += row(t(QT_TRANSLATE_NOOP("EvidenceReport", "Scope")), esc(scope));
    html += row(
        t(QT_TRANSLATE_NOOP("EvidenceReport", "Period")), esc(when(from) + u" — "_s + when(to)));
    html += row(t(QT_TRANSLATE_NOOP("EvidenceReport", "Created")), esc(when(in.created)));
    html += row(t(QT_TRANSLATE_NOOP("EvidenceReport", "Generator")), esc(in.generator));
    html += row(t(QT_TRANSLATE_NOOP("EvidenceReport", "Checkpoint")),
        esc(t(QT_TRANSLATE_NOOP("EvidenceReport", "%1 (tree size %2, signed %3)"))
                .arg(in.checkpoint.id)
                .arg(in.checkpoint.treeSize)
                .arg(when(in.checkpoint.ts))));
    html += row(t(QT_TRANSLATE_NOOP("EvidenceReport", "Root hash")),
        u"<span style='font-family:monospace'>"_s + QString::fromLatin1(in.checkpoint.root.toHex())
            + u"</span>"_s);
    html += row(t(QT_TRANSLATE_NOOP("EvidenceReport", "Signing key")),
        u"<span style='font-family:monospace'>"_s + esc(in.checkpoint.keyId) + u"</span>"_s);
    html += row(
        t(QT_TRANSLATE_NOOP("EvidenceReport", "TLP marking")), u"TLP:"_s + esc(tlpName(in.tlp)));
    if (in.cap) {
        html += row(t(QT_TRANSLATE_NOOP("EvidenceReport", "TLP cap")),
            esc(t(QT_TRANSLATE_NOOP("EvidenceReport", "TLP:%1 — %2 records above it were left out"))
                    .arg(tlpName(*in.cap))
                    .arg(in.withheld)));
    }
    html += row(t(QT_TRANSLATE_NOOP("EvidenceReport", "Contents")),
        esc(t(QT_TRANSLATE_NOOP(
                  "EvidenceReport", "%1 alerts, %2 alert events, %3 audit entries, %4 incidents"))
                .arg(in.alerts.size())
                .arg(in.alertEvents)
                .arg(in.audit.size())
                .arg(in.incidents.size())));
    html += u"</table>"_s;
    html += u"<p>"_s
        + esc(t(QT_TRANSLATE_NOOP("EvidenceReport",
            "Every record in this pack carries a proof that it belongs to "
            "the signed checkpoint above. VERIFY.txt explains how to check "
            "the pack with the openssl command line alone.")))
        + u"</p>"_s;

    // ---- Charts ----
    html += u"<h2>"_s + esc(t(QT_TRANSLATE_NOOP("EvidenceReport", "Timeline"))) + u"</h2>"_s;
    html += u"<p><img src='chart://timeline' width='%1'></p>"_s.arg(imgWidth);
    html += u"<h2>"_s + esc(t(QT_TRANSLATE_NOOP("EvidenceReport", "Alerts by severity")))
        + u"</h2>"_s;
    html += u"<p><img src='chart://severity' width='%1'></p>"_s.arg(imgWidth);
    html += u"<h2>"_s + esc(t(QT_TRANSLATE_NOOP("EvidenceReport", "Alerts by category")))
        + u"</h2>"_s;
    html += u"<p><img src='chart://category' width='%1'></p>"_s.arg(imgWidth);
    if (!riskBars.isEmpty()) {
        html += u"<h2>"_s + esc(t(QT_TRANSLATE_NOOP("EvidenceReport", "Incident risk (0–100)")))
            + u"</h2>"_s;
        html += u"<p><img src='chart://risk' width='%1'></p>"_s.arg(imgWidth);
    }

    auto table = [](const QStringList &heads) -> QString {
        QString s = u"<table border='1' cellspacing='0' cellpadding='3' width='100%' "
                    "style='border-collapse:collapse; font-size:8pt'><tr>"_s;
        for (const QString &h : heads) {
            s += u"<th align='left' bgcolor='#eceff1'>"_s + esc(h) + u"</th>"_s;
        }
        return s + u"</tr>"_s;
    };
    auto cells = [](const QStringList &values) -> QString {
        QString s = u"<tr>"_s;
        for (const QString &v : values) {
            s += u"<td>"_s + esc(v) + u"</td>"_s;
        }
        return s + u"</tr>"_s;
    };

    // ---- Incidents ----
    html += u"<h2>"_s + esc(t(QT_TRANSLATE_NOOP("EvidenceReport", "Incidents"))) + u"</h2>"_s;
    if (in.incidents.isEmpty()) {
        html += u"<p>"_s + esc(t(QT_TRANSLATE_NOOP("EvidenceReport", "None."))) + u"</p>"_s;
    } else {
        html += table({ t(QT_TRANSLATE_NOOP("EvidenceReport", "Id")),
            t(QT_TRANSLATE_NOOP("EvidenceReport", "Title")),
            t(QT_TRANSLATE_NOOP("EvidenceReport", "Severity")),
            t(QT_TRANSLATE_NOOP("EvidenceReport", "Status")),
            t(QT_TRANSLATE_NOOP("EvidenceReport", "Owner")),
            t(QT_TRANSLATE_NOOP("EvidenceReport", "Alerts")),
            t(QT_TRANSLATE_NOOP("EvidenceReport", "Risk")),
            t(QT_TRANSLATE_NOOP("EvidenceReport", "First seen")),
            t(QT_TRANSLATE_NOOP("EvidenceReport", "Last seen")) });
        for (const Storage::IncidentRow &r : in.incidents) {
            html += cells({ QString::number(r.id.value), r.title, severityText(t, r.severity),
                Core::incidentStatusName(r.status), r.owner, QString::number(r.alerts),
                QString::number(r.risk, 'f', 1), when(r.firstSeen), when(r.lastSeen) });
        }
        html += u"</table>"_s;
    }

    // ---- Audit trail ----
    html += u"<h2>"_s + esc(t(QT_TRANSLATE_NOOP("EvidenceReport", "Audit trail"))) + u"</h2>"_s;
    if (in.audit.isEmpty()) {
        html += u"<p>"_s + esc(t(QT_TRANSLATE_NOOP("EvidenceReport", "None."))) + u"</p>"_s;
    } else {
        html += table({ t(QT_TRANSLATE_NOOP("EvidenceReport", "Time")),
            t(QT_TRANSLATE_NOOP("EvidenceReport", "Incident")),
            t(QT_TRANSLATE_NOOP("EvidenceReport", "Who")),
            t(QT_TRANSLATE_NOOP("EvidenceReport", "Action")),
            t(QT_TRANSLATE_NOOP("EvidenceReport", "Change")),
            t(QT_TRANSLATE_NOOP("EvidenceReport", "Reason")) });
        for (const Storage::AuditEntry &e : in.audit.mid(0, kMaxAuditRows)) {
            html += cells({ when(e.ts), e.incident ? QString::number(e.incident->value) : QString(),
                e.actor, e.action,
                e.oldValue.isEmpty() ? e.newValue : e.oldValue + u" → "_s + e.newValue, e.reason });
        }
        html += u"</table>"_s;
        if (in.audit.size() > kMaxAuditRows) {
            html += u"<p>"_s
                + esc(t(QT_TRANSLATE_NOOP("EvidenceReport",
                            "The first %1 of %2 entries; all are in audit.jsonl."))
                          .arg(kMaxAuditRows)
                          .arg(in.audit.size()))
                + u"</p>"_s;
        }
    }

    // ---- Alerts ----
    html += u"<h2>"_s + esc(t(QT_TRANSLATE_NOOP("EvidenceReport", "Alerts"))) + u"</h2>"_s;
    if (in.alerts.isEmpty()) {
        html += u"<p>"_s + esc(t(QT_TRANSLATE_NOOP("EvidenceReport", "None."))) + u"</p>"_s;
    } else {
        html += table({ t(QT_TRANSLATE_NOOP("EvidenceReport", "Id")),
            t(QT_TRANSLATE_NOOP("EvidenceReport", "Time")),
            t(QT_TRANSLATE_NOOP("EvidenceReport", "Severity")),
            t(QT_TRANSLATE_NOOP("EvidenceReport", "Category")),
            t(QT_TRANSLATE_NOOP("EvidenceReport", "Rule")),
            t(QT_TRANSLATE_NOOP("EvidenceReport", "Title")),
            t(QT_TRANSLATE_NOOP("EvidenceReport", "Entity")),
            t(QT_TRANSLATE_NOOP("EvidenceReport", "Incident")), u"TLP"_s });
        for (const ReportAlert &a : in.alerts.mid(0, kMaxAlertRows)) {
            html += cells({ QString::number(a.id), when(a.ts), severityText(t, a.severity),
                a.category, a.rule, a.title, a.entity,
                a.incident ? QString::number(*a.incident) : QString(), tlpName(a.tlp) });
        }
        html += u"</table>"_s;
        if (in.alerts.size() > kMaxAlertRows) {
            html += u"<p>"_s
                + esc(t(QT_TRANSLATE_NOOP("EvidenceReport",
                            "The first %1 of %2 alerts; all are in alerts.csv and "
                            "alerts.jsonl."))
                          .arg(kMaxAlertRows)
                          .arg(in.alerts.size()))
                + u"</p>"_s;
        }
    }
    html += u"</body></html>"_s;
    doc.setHtml(html);

    // ---- Pages: the TLP label in the header of every page, page numbers in the footer ----
    const int pages = doc.pageCount();
    QFont small = reportFont(in.language, 8);
    const QString label = u"TLP:"_s + tlpName(in.tlp);
    for (int i = 0; i < pages; ++i) {
        if (i > 0) {
            writer.newPage();
        }
        painter.setFont(small);
        painter.setPen(Qt::black);
        painter.drawText(QRectF(0, 0, page.width() / 2, header - 30),
            Qt::AlignLeft | Qt::AlignVCenter,
            t(QT_TRANSLATE_NOOP("EvidenceReport", "Lakeguard evidence pack")));
        QFont bold = small;
        bold.setBold(true);
        painter.setFont(bold);
        const QRectF tag(page.width() - 560, 0, 560, header - 30);
        painter.fillRect(tag, Qt::black);
        painter.setPen(tlpColor(in.tlp));
        painter.drawText(tag, Qt::AlignCenter, label);
        painter.setFont(small);
        painter.setPen(Qt::black);
        painter.drawText(QRectF(0, page.height() - footer + 20, page.width(), footer - 20),
            Qt::AlignLeft | Qt::AlignVCenter,
            t(QT_TRANSLATE_NOOP("EvidenceReport", "Root %1 · tree size %2"))
                .arg(QString::fromLatin1(in.checkpoint.root.toHex().left(16)))
                .arg(in.checkpoint.treeSize));
        painter.drawText(QRectF(0, page.height() - footer + 20, page.width(), footer - 20),
            Qt::AlignRight | Qt::AlignVCenter,
            t(QT_TRANSLATE_NOOP("EvidenceReport", "Page %1 of %2")).arg(i + 1).arg(pages));
        painter.save();
        painter.translate(0, header - i * body.height());
        doc.drawContents(&painter, QRectF(0, i * body.height(), body.width(), body.height()));
        painter.restore();
    }
    if (!painter.end()) {
        return Storage::Status::failure(u"%1: cannot write the PDF"_s.arg(path));
    }
    return Storage::Ok {};
}

} // namespace Lakeguard::Evidence
