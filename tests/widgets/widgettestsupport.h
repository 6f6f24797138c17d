// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Shared by the widget tests: a temporary store filled through the real writer, and checks that
// a rendered widget shows something (not blank, not one colour).

#include "alert.h"
#include "queryservice.h"
#include "storewriter.h"

#include <QDateTime>
#include <QGraphicsScene>
#include <QGraphicsTextItem>
#include <QGraphicsView>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>
#include <QWidget>

#include <memory>

namespace Lakeguard::Test {

using namespace Qt::StringLiterals;

// Untrusted text every view must show literally (issue 9): HTML, a right-to-left override and
// an ANSI escape. Rows: name, the raw text, what a person must see (Core::displayText's form).
inline void addUntrustedTextRows()
{
    QTest::addColumn<QString>("raw");
    QTest::addColumn<QString>("shown");
    QTest::addRow("html") << u"<b>x</b>"_s << u"<b>x</b>"_s;
    QTest::addRow("bidi-override") << u"invoice\u202Efdp.exe"_s << u"invoice<U+202E>fdp.exe"_s;
    QTest::addRow("escape") << u"a\x1b[31mb"_s << u"a\u241B[31mb"_s;
}

// What a person sees of a tool tip or chart label that Qt renders as rich text.
inline QString renderedRichText(const QString &html)
{
    QTextDocument doc;
    doc.setHtml(html);
    return doc.toPlainText();
}

// A fixed, past base time: views must follow the data, not the wall clock.
inline constexpr Core::TimestampMs kBaseTime = 1'700'000'000'000; // 2023-11-14T22:13:20Z

inline Core::Alert makeAlert(int seq, Core::TimestampMs ts, Core::Severity severity,
    Core::Category category = Core::Category::Intrusion, const QString &feed = u"ids"_s,
    const QString &title = {})
{
    Core::Alert a;
    a.ts = ts;
    a.received = ts + 50;
    a.feed = feed;
    a.source = u"jsonl"_s;
    a.severity = severity;
    a.category = category;
    a.rule = u"test:%1"_s.arg(seq % 7);
    a.title = title.isEmpty() ? u"Alert number %1"_s.arg(seq) : title;
    a.message = u"Message for alert %1"_s.arg(seq);
    a.entity = u"host-%1.bank.example"_s.arg(seq % 5);
    a.srcIp = u"203.0.113.%1"_s.arg(seq % 250);
    a.dstIp = u"192.0.2.%1"_s.arg(seq % 250);
    QJsonObject raw { { u"seq"_s, seq }, { u"title"_s, a.title },
        { u"severity"_s, int(severity) } };
    a.raw = QJsonDocument(raw).toJson(QJsonDocument::Compact);
    a.fingerprint = Core::fingerprintOf(u"test", a.raw);
    return a;
}

// Severity and category cycle so every sort and filter has something to find.
inline QList<Core::Alert> makeAlerts(int first, int count, Core::TimestampMs start, qint64 stepMs)
{
    QList<Core::Alert> alerts;
    for (int i = first; i < first + count; ++i) {
        alerts.append(makeAlert(i, start + qint64(i) * stepMs,
            static_cast<Core::Severity>(i % Core::kSeverityCount),
            static_cast<Core::Category>(i % 4)));
    }
    return alerts;
}

inline Core::ChainObservation makeObservation(
    const QString &node, qint64 height, const QString &state, int peers, Core::TimestampMs observed)
{
    Core::ChainObservation o;
    o.chain = u"fincons"_s;
    o.node = node;
    o.height = height;
    o.headHash = u"0x1234567890abcdef1234567890abcdef1234567890abcdef1234567890abcdef"_s;
    o.blockTime = observed - 3000;
    o.observed = observed;
    o.peers = peers;
    o.lag = state == u"lagging" ? 12 : 0;
    o.state = state;
    o.latencyMs = 42;
    return o;
}

class TestStore
{
public:
    bool open()
    {
        if (!m_dir.isValid()) {
            return false;
        }
        m_path = m_dir.filePath(u"test.db"_s);
        m_writer = std::make_unique<Storage::StoreWriter>(m_path);
        if (!m_writer->start().ok()) {
            return false;
        }
        m_queries = std::make_unique<Storage::QueryService>(m_path);
        return true;
    }

    ~TestStore()
    {
        if (m_queries) {
            m_queries->waitForIdle();
        }
        if (m_writer) {
            m_writer->stop();
        }
    }

    Storage::BatchResult submit(Storage::IngestBatch batch)
    {
        if (batch.feedType.isEmpty()) {
            batch.feedType = u"file"_s;
        }
        QFuture<Storage::BatchResult> f = m_writer->submit(std::move(batch));
        f.waitForFinished();
        return f.result();
    }

    Storage::BatchResult submitAlerts(
        const QList<Core::Alert> &alerts, const QString &feed = u"ids"_s)
    {
        Storage::IngestBatch batch;
        batch.feed = feed;
        batch.alerts = alerts;
        return submit(batch);
    }

    QString path() const { return m_path; }
    Storage::StoreWriter *writer() const { return m_writer.get(); }
    Storage::QueryService *queries() const { return m_queries.get(); }

private:
    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<Storage::StoreWriter> m_writer;
    std::unique_ptr<Storage::QueryService> m_queries;
};

// A rendered widget that is not blank: several distinct colours on a sample grid.
inline int distinctColours(QWidget &widget)
{
    const QImage image = widget.grab().toImage();
    if (image.isNull()) {
        return 0;
    }
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 7) {
        for (int x = 0; x < image.width(); x += 7) {
            colours.insert(image.pixel(x, y));
        }
    }
    return int(colours.size());
}

// The axis labels a chart view shows (Qt Charts draws them as text items in the view's scene).
inline QStringList visibleChartLabels(QGraphicsView *view)
{
    QStringList out;
    const auto items = view->scene()->items();
    for (const QGraphicsItem *item : items) {
        const auto *text = dynamic_cast<const QGraphicsTextItem *>(item);
        if (text && text->isVisible() && !text->toPlainText().isEmpty()) {
            out << text->toPlainText();
        }
    }
    return out;
}

} // namespace Lakeguard::Test
