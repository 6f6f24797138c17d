// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "scenariosource.h"

#include <QByteArray>
#include <QStringList>

#include <memory>
#include <vector>

namespace Lakeguard::Feeds {

// Why a scenario file was refused: the file, the line (1-based; 0 when unknown), the JSON key
// path (e.g. "steps[2].alerts[0].severity") and what is wrong.
struct ScenarioError
{
    QString file;
    int line = 0;
    QString key;
    QString message;

    // "payment-gateway.json:42: steps[2].alerts[0].severity: unknown severity \"severe\""
    QString toString() const;
};

// A scenario read from JSON (docs/scenarios.md): a timeline of steps, each with a bilingual
// caption, alerts (optionally repeated with seeded jitter and placeholders) and chain
// observations. The whole timeline is expanded once at load; the same file, seed and start give
// the same events.
class ScriptedScenario final : public ScenarioSource
{
public:
    struct Text
    {
        QString en;
        QString zh;
    };

    // Parses `json` (named `fileName` in errors). Returns null and fills `error` when refused.
    static std::shared_ptr<ScriptedScenario> parse(const QByteArray &json, const QString &fileName,
        quint64 seed, Core::TimestampMs start, ScenarioError *error);
    static std::shared_ptr<ScriptedScenario> loadFile(
        const QString &path, quint64 seed, Core::TimestampMs start, ScenarioError *error);
    // The scenarios shipped in the resource (":/scenarios/<name>.json"), sorted by name.
    static QStringList builtInNames();
    static QString builtInPath(const QString &name);
    // Loads a built-in scenario by name, or a file when `nameOrPath` ends in ".json".
    static std::shared_ptr<ScriptedScenario> load(
        const QString &nameOrPath, quint64 seed, Core::TimestampMs start, ScenarioError *error);

    QString name() const override { return m_name; }
    quint64 seed() const override { return m_seed; }
    Core::TimestampMs start() const override { return m_start; }
    Core::TimestampMs end() const override { return m_start + m_durationMs; }
    qint64 durationMs() const { return m_durationMs; }
    QList<DemoEvent> eventsBetween(Core::TimestampMs from, Core::TimestampMs to) const override;
    QList<std::pair<QString, QString>> feedTypes() const override { return m_feeds; }
    QList<ScenarioStep> steps() const override { return m_steps; }
    bool captionsFromSteps() const override { return true; }

    Text title() const { return m_title; }
    Text summary() const { return m_summary; }

private:
    ScriptedScenario() = default;

    QString m_name;
    Text m_title;
    Text m_summary;
    quint64 m_seed = 1;
    Core::TimestampMs m_start = 0;
    qint64 m_durationMs = 0;
    QList<std::pair<QString, QString>> m_feeds;
    QList<ScenarioStep> m_steps;
    std::vector<DemoEvent> m_events; // sorted by time, ties in file order
};

} // namespace Lakeguard::Feeds
