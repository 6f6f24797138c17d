// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "theme.h"

#include <QAbstractAxis>
#include <QAbstractBarSeries>
#include <QApplication>
#include <QBarSet>
#include <QChart>
#include <QCoreApplication>
#include <QDateTime>
#include <QFont>
#include <QLegend>
#include <QLocale>
#include <QPalette>
#include <QPieSeries>
#include <QPieSlice>
#include <QStyleFactory>

using namespace Qt::StringLiterals;

namespace Lakeguard::Widgets::Theme {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Lakeguard::Widgets::Theme)
};

} // namespace

QColor severityColor(Core::Severity s)
{
    switch (s) {
    case Core::Severity::Info:
        return QColor(0x64, 0x74, 0x8b);
    case Core::Severity::Low:
        return QColor(0x0e, 0x8f, 0xd0);
    case Core::Severity::Medium:
        return QColor(0xea, 0xb3, 0x08);
    case Core::Severity::High:
        return QColor(0xf9, 0x73, 0x16);
    case Core::Severity::Critical:
        return QColor(0xdc, 0x26, 0x26);
    }
    return QColor(Qt::gray);
}

QColor chainStateColor(const QString &state)
{
    if (state == u"healthy") {
        return QColor(0x16, 0xa3, 0x4a);
    }
    if (state == u"lagging" || state == u"syncing") {
        return QColor(0xd9, 0x77, 0x06);
    }
    if (state == u"stalled" || state == u"forked" || state == u"mismatch") {
        return QColor(0xdc, 0x26, 0x26);
    }
    return QColor(0x6b, 0x72, 0x80);
}

QString chainStateDisplayName(const QString &state)
{
    if (state == u"healthy") {
        return Tr::tr("Healthy", "chain node state");
    }
    if (state == u"lagging") {
        return Tr::tr("Lagging", "chain node state");
    }
    if (state == u"stalled") {
        return Tr::tr("Stalled", "chain node state");
    }
    if (state == u"forked") {
        return Tr::tr("Forked", "chain node state");
    }
    if (state == u"down") {
        return Tr::tr("Down", "chain node state");
    }
    if (state == u"syncing") {
        return Tr::tr("Syncing", "chain node state");
    }
    if (state == u"mismatch") {
        return Tr::tr("Wrong chain", "chain node state");
    }
    // An unknown word from a newer monitor: show it as it is (plain text everywhere).
    return state.isEmpty() ? Tr::tr("Unknown", "chain node state") : state;
}

QColor feedStateColor(Storage::FeedState s)
{
    switch (s) {
    case Storage::FeedState::Starting:
        return QColor(0x25, 0x63, 0xeb);
    case Storage::FeedState::Healthy:
        return QColor(0x16, 0xa3, 0x4a);
    case Storage::FeedState::Degraded:
        return QColor(0xd9, 0x77, 0x06);
    case Storage::FeedState::Down:
        return QColor(0xdc, 0x26, 0x26);
    case Storage::FeedState::Paused:
    case Storage::FeedState::Stopped:
        return QColor(0x6b, 0x72, 0x80);
    }
    return QColor(Qt::gray);
}

QString feedStateDisplayName(Storage::FeedState s)
{
    switch (s) {
    case Storage::FeedState::Starting:
        return Tr::tr("Starting", "feed state");
    case Storage::FeedState::Healthy:
        return Tr::tr("Healthy", "feed state");
    case Storage::FeedState::Degraded:
        return Tr::tr("Degraded", "feed state");
    case Storage::FeedState::Down:
        return Tr::tr("Down", "feed state");
    case Storage::FeedState::Paused:
        return Tr::tr("Paused", "feed state");
    case Storage::FeedState::Stopped:
        return Tr::tr("Stopped", "feed state");
    }
    return {};
}

QColor riskColor(double risk)
{
    if (risk < 20) {
        return QColor(0x16, 0xa3, 0x4a);
    }
    if (risk < 40) {
        return QColor(0x65, 0xa3, 0x0d);
    }
    if (risk < 60) {
        return QColor(0xd9, 0x77, 0x06);
    }
    if (risk < 80) {
        return QColor(0xea, 0x58, 0x0c);
    }
    return QColor(0xdc, 0x26, 0x26);
}

QString riskBandName(double risk)
{
    if (risk < 20) {
        return Tr::tr("Low", "risk band");
    }
    if (risk < 40) {
        return Tr::tr("Guarded", "risk band");
    }
    if (risk < 60) {
        return Tr::tr("Elevated", "risk band");
    }
    if (risk < 80) {
        return Tr::tr("High", "risk band");
    }
    return Tr::tr("Severe", "risk band");
}

QColor textOn(const QColor &background)
{
    // Perceived luminance (ITU-R BT.601 weights).
    const double y
        = 0.299 * background.redF() + 0.587 * background.greenF() + 0.114 * background.blueF();
    return y > 0.62 ? QColor(0x1f, 0x29, 0x37) : QColor(Qt::white);
}

namespace {
Mode s_mode = Mode::Light;
} // namespace

QColor accentColor()
{
    return s_mode == Mode::Dark ? QColor(0x60, 0xa5, 0xfa) : QColor(0x25, 0x63, 0xeb);
}

QColor mutedTextColor()
{
    return s_mode == Mode::Dark ? QColor(0x94, 0xa3, 0xb8) : QColor(0x64, 0x74, 0x8b);
}

QColor failureTextColor()
{
    return s_mode == Mode::Dark ? QColor(0xf8, 0x71, 0x71) : QColor(0xb9, 0x1c, 0x1c);
}

QColor panelBorderColor()
{
    return s_mode == Mode::Dark ? QColor(0x33, 0x41, 0x55) : QColor(0xdd, 0xe3, 0xea);
}

Mode mode()
{
    return s_mode;
}

QString modeCode(Mode m)
{
    return m == Mode::Dark ? u"dark"_s : u"light"_s;
}

Mode modeFromCode(const QString &code)
{
    return code == u"dark" ? Mode::Dark : Mode::Light;
}

void styleChart(QChart *chart)
{
    if (!chart) {
        return;
    }
    const bool dark = s_mode == Mode::Dark;
    const QColor background = dark ? QColor(0x1e, 0x29, 0x3b) : QColor(Qt::white);
    const QColor text = chartTextColor();
    chart->setBackgroundBrush(background);
    chart->setBackgroundPen(QPen(panelBorderColor()));
    chart->setTitleBrush(text);
    chart->legend()->setLabelColor(text);
    const auto axes = chart->axes();
    for (QAbstractAxis *axis : axes) {
        axis->setLabelsColor(dark ? QColor(0xcb, 0xd5, 0xe1) : mutedTextColor());
        axis->setLinePenColor(panelBorderColor());
        axis->setGridLineColor(dark ? QColor(0x33, 0x41, 0x55) : QColor(0xe5, 0xe7, 0xeb));
        axis->setTitleBrush(text);
    }
    // Value labels drawn beside bars and slices sit on the chart background, so they take its
    // text colour (labels inside a bar keep their contrast with the bar's own colour).
    const auto series = chart->series();
    for (QAbstractSeries *s : series) {
        if (auto *bars = qobject_cast<QAbstractBarSeries *>(s)) {
            const bool inside = bars->labelsPosition() != QAbstractBarSeries::LabelsOutsideEnd;
            const auto sets = bars->barSets();
            for (QBarSet *set : sets) {
                set->setLabelColor(inside ? textOn(set->color()) : text);
            }
        } else if (auto *pie = qobject_cast<QPieSeries *>(s)) {
            const auto slices = pie->slices();
            for (QPieSlice *slice : slices) {
                slice->setLabelColor(text);
            }
        }
    }
}

QColor chartTextColor()
{
    return s_mode == Mode::Dark ? QColor(0xe2, 0xe8, 0xf0) : QColor(0x1f, 0x29, 0x37);
}

void applyMode(QApplication &app, Mode m)
{
    s_mode = m;
    const bool dark = m == Mode::Dark;
    // Dark: slate backgrounds with high-contrast text, readable from the back of a room.
    QPalette p;
    const QColor window = dark ? QColor(0x0f, 0x17, 0x2a) : QColor(0xf3, 0xf5, 0xf8);
    const QColor text = dark ? QColor(0xf1, 0xf5, 0xf9) : QColor(0x1f, 0x29, 0x37);
    const QColor base = dark ? QColor(0x1e, 0x29, 0x3b) : QColor(Qt::white);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, dark ? QColor(0x24, 0x32, 0x47) : QColor(0xf7, 0xf9, 0xfc));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, dark ? QColor(0x33, 0x41, 0x55) : QColor(0xfb, 0xfc, 0xfd));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::Highlight, dark ? QColor(0x25, 0x63, 0xeb) : accentColor());
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, accentColor());
    p.setColor(QPalette::ToolTipBase, dark ? QColor(0xf1, 0xf5, 0xf9) : QColor(0x1f, 0x29, 0x37));
    p.setColor(QPalette::ToolTipText, dark ? QColor(0x0f, 0x17, 0x2a) : QColor(Qt::white));
    p.setColor(QPalette::PlaceholderText, mutedTextColor());
    p.setColor(QPalette::Mid, panelBorderColor());
    p.setColor(QPalette::Light, dark ? QColor(0x47, 0x55, 0x69) : QColor(Qt::white));
    p.setColor(QPalette::Dark, dark ? QColor(0x02, 0x06, 0x17) : QColor(0xa0, 0xa8, 0xb4));
    p.setColor(QPalette::Disabled, QPalette::Text, mutedTextColor());
    p.setColor(QPalette::Disabled, QPalette::WindowText, mutedTextColor());
    p.setColor(QPalette::Disabled, QPalette::ButtonText, mutedTextColor());
    app.setPalette(p);
}

QString formatLocalTime(Core::TimestampMs ms, const QLocale &locale)
{
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(ms).toLocalTime();
    return locale.toString(local.date(), QLocale::ShortFormat) + u' '
        + locale.toString(local.time(), u"HH:mm:ss"_s);
}

QString formatCompactTime(Core::TimestampMs ms, Core::TimestampMs reference, const QLocale &locale)
{
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(ms).toLocalTime();
    if (local.date() == QDateTime::fromMSecsSinceEpoch(reference).toLocalTime().date()) {
        return locale.toString(local.time(), u"HH:mm:ss"_s);
    }
    return locale.toString(local.date(), QLocale::ShortFormat) + u' '
        + locale.toString(local.time(), u"HH:mm"_s);
}

QString shortHash(const QString &hash)
{
    if (hash.size() <= 14) {
        return hash;
    }
    return hash.left(6) + u'…' + hash.right(4);
}

QString plainToolTip(const QString &text)
{
    if (text.isEmpty()) {
        return {};
    }
    return u"<p style='white-space:pre-wrap'>"_s + text.toHtmlEscaped() + u"</p>"_s;
}

void applyApplicationLook(QApplication &app)
{
    app.setStyle(QStyleFactory::create(u"Fusion"_s));
    applyMode(app, s_mode);

    // Latin faces first, then a CJK face so Chinese never falls back to boxes; the system
    // fallback still applies after these.
    QFont font = app.font();
    font.setFamilies(
        { u"Noto Sans"_s, u"DejaVu Sans"_s, u"Noto Sans CJK SC"_s, u"WenQuanYi Micro Hei"_s });
    font.setPointSizeF(9.5);
    app.setFont(font);
}

} // namespace Lakeguard::Widgets::Theme
