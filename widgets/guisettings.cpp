// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "guisettings.h"

#include <QSettings>

using namespace Qt::StringLiterals;

namespace Lakeguard::Widgets {

namespace {

QSettings settings()
{
    return QSettings(u"Lakeguard"_s, u"lakeguard"_s);
}

QByteArray readBytes(const QString &key)
{
    return settings().value(key).toByteArray();
}

void writeValue(const QString &key, const QVariant &value)
{
    QSettings s = settings();
    s.setValue(key, value);
    s.sync();
    if (s.status() != QSettings::NoError)
        qWarning("Lakeguard: cannot save setting %s to %s", qUtf8Printable(key),
            qUtf8Printable(s.fileName()));
}

} // namespace

QByteArray GuiSettings::windowGeometry()
{
    return readBytes(u"mainWindow/geometry"_s);
}

void GuiSettings::setWindowGeometry(const QByteArray &geometry)
{
    writeValue(u"mainWindow/geometry"_s, geometry);
}

QByteArray GuiSettings::windowState()
{
    return readBytes(u"mainWindow/state"_s);
}

void GuiSettings::setWindowState(const QByteArray &state)
{
    writeValue(u"mainWindow/state"_s, state);
}

int GuiSettings::lastView()
{
    return settings().value(u"mainWindow/view"_s, 0).toInt();
}

void GuiSettings::setLastView(int view)
{
    writeValue(u"mainWindow/view"_s, view);
}

QByteArray GuiSettings::alertsSplitterState()
{
    return readBytes(u"alerts/splitter"_s);
}

void GuiSettings::setAlertsSplitterState(const QByteArray &state)
{
    writeValue(u"alerts/splitter"_s, state);
}

QByteArray GuiSettings::incidentsSplitterState()
{
    return readBytes(u"incidents/splitter"_s);
}

void GuiSettings::setIncidentsSplitterState(const QByteArray &state)
{
    writeValue(u"incidents/splitter"_s, state);
}

QList<int> GuiSettings::hiddenColumns(const QString &list)
{
    QList<int> columns;
    const QStringList saved = settings().value(list + u"/hiddenColumns"_s).toStringList();
    for (const QString &c : saved) {
        bool ok = false;
        const int column = c.toInt(&ok);
        if (ok && column >= 0) {
            columns << column;
        }
    }
    return columns;
}

void GuiSettings::setHiddenColumns(const QString &list, const QList<int> &columns)
{
    QStringList saved;
    for (const int c : columns) {
        saved << QString::number(c);
    }
    writeValue(list + u"/hiddenColumns"_s, saved);
}

QString GuiSettings::language()
{
    return settings().value(u"ui/language"_s).toString();
}

void GuiSettings::setLanguage(const QString &code)
{
    writeValue(u"ui/language"_s, code);
}

QString GuiSettings::theme()
{
    return settings().value(u"ui/theme"_s, u"light"_s).toString();
}

void GuiSettings::setTheme(const QString &code)
{
    writeValue(u"ui/theme"_s, code);
}

} // namespace Lakeguard::Widgets
