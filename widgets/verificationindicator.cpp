// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "verificationindicator.h"

#include "icons.h"
#include "storeverifier.h"
#include "theme.h"

#include <QDateTime>
#include <QDialog>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTimeZone>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Lakeguard::Widgets {

namespace {

// New checkpoints are looked for at most this often while the writer commits.
constexpr int kChangeCoalesceMs = 2000;

QColor successColor()
{
    return Theme::mode() == Theme::Mode::Dark ? QColor(0x4a, 0xde, 0x80) : QColor(0x15, 0x80, 0x3d);
}

// A checkpoint's time: the clock time today, else the short date and time.
QString checkpointTime(Core::TimestampMs ts)
{
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(ts, QTimeZone::utc()).toLocalTime();
    const QLocale locale;
    if (local.date() == QDate::currentDate()) {
        return locale.toString(local.time(), u"HH:mm"_s);
    }
    return locale.toString(local, QLocale::ShortFormat);
}

// "ab12 cd34 …": a fingerprint read aloud in groups of four.
QString groupedHex(const QString &hex)
{
    QStringList groups;
    for (qsizetype i = 0; i < hex.size(); i += 4) {
        groups << hex.mid(i, 4);
    }
    return groups.join(u' ');
}

} // namespace

VerificationIndicator::VerificationIndicator(QWidget *parent)
    : QToolButton(parent)
{
    setObjectName(u"verificationIndicator"_s);
    setAutoRaise(true);
    setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    setIconSize(QSize(16, 16));
    setFocusPolicy(Qt::TabFocus);
    setMaximumWidth(520);
    m_changeTimer.setSingleShot(true);
    m_changeTimer.setInterval(kChangeCoalesceMs);
    connect(&m_changeTimer, &QTimer::timeout, this, [this] {
        if (m_verifier) {
            m_verifier->verifyIfNewCheckpoint();
        }
    });
    connect(this, &QToolButton::clicked, this, [this] { showDetails(); });
    updateUi();
}

VerificationIndicator::~VerificationIndicator() = default;

void VerificationIndicator::setStore(const QString &location)
{
    m_pack.reset();
    delete m_verifier;
    m_verifier = new Storage::StoreVerifier(location, this);
    connect(
        m_verifier, &Storage::StoreVerifier::started, this, [this] { setState(State::Verifying); });
    connect(m_verifier, &Storage::StoreVerifier::finished, this,
        [this](const Storage::VerifyReport &report) {
            m_report = report;
            m_error.clear();
            setState(report.ok ? State::Verified : State::Failed);
            if (report.ok && !report.state.isEmpty()) {
                emit storeVerified(report.state);
            }
        });
    connect(m_verifier, &Storage::StoreVerifier::failed, this, [this](const QString &error) {
        m_error = error;
        setState(State::Unavailable);
    });
    setState(State::Verifying);
    m_verifier->verify();
}

void VerificationIndicator::showPackVerdict(const Evidence::PackReport &report)
{
    delete m_verifier;
    m_verifier = nullptr;
    m_pack = report;
    setState(report.ok ? State::Verified : State::Failed);
}

void VerificationIndicator::storeChanged()
{
    if (m_verifier && !m_changeTimer.isActive()) {
        m_changeTimer.start();
    }
}

void VerificationIndicator::verifyAll()
{
    if (m_verifier) {
        setState(State::Verifying);
        m_verifier->verify(true);
    }
}

void VerificationIndicator::setState(State state)
{
    const bool changed = state != m_state;
    m_state = state;
    updateUi();
    if (changed) {
        emit stateChanged(state);
    }
}

void VerificationIndicator::updateUi()
{
    const QLocale locale;
    QString label;
    Icons::Icon icon = Icons::Icon::Verifying;
    QColor color;
    switch (m_state) {
    case State::Idle:
        label = tr("Not verified yet");
        break;
    case State::Verifying:
        label = tr("Verifying…");
        break;
    case State::Verified:
        icon = Icons::Icon::Verified;
        color = successColor();
        if (m_pack) {
            label = tr("Pack verified · %1 records · checkpoint %2")
                        .arg(locale.toString(m_pack->records))
                        .arg(m_pack->checkpoint.id);
        } else if (m_report && m_report->latest) {
            label = tr("Verified · %1 records · checkpoint %2")
                        .arg(locale.toString(m_report->treeSize),
                            checkpointTime(m_report->latest->ts));
        } else {
            label = tr("Verified · %1 records · no checkpoint yet")
                        .arg(locale.toString(m_report ? m_report->treeSize : 0));
        }
        break;
    case State::Failed:
        icon = Icons::Icon::VerifyFailed;
        color = Theme::failureTextColor();
        label = tr("Verification failed: %1")
                    .arg(m_pack ? m_pack->problems.value(0)
                                : (m_report ? m_report->firstProblem : QString()));
        break;
    case State::Unavailable:
        icon = Icons::Icon::VerifyFailed;
        label = tr("Cannot verify the store");
        break;
    }
    setIcon(Icons::icon(icon, color));
    // Long problem texts are cut in the bar; the whole text is in the tooltip and the details.
    setText(fontMetrics().elidedText(label, Qt::ElideRight, maximumWidth() - 40));
    setStyleSheet(color.isValid() && m_state == State::Failed
            ? u"QToolButton#verificationIndicator { color: %1; font-weight: 600; }"_s.arg(
                color.name())
            : QString());
    QString tip = label;
    if (m_state == State::Unavailable && !m_error.isEmpty()) {
        tip += u"\n"_s + m_error;
    }
    tip += u"\n"_s + tr("Click for the details.");
    setToolTip(Theme::plainToolTip(tip));
    setAccessibleName(tr("Store verification"));
    setAccessibleDescription(label);
    if (m_details) {
        fillDetails();
    }
}

QList<std::pair<QString, QString>> VerificationIndicator::detailRows() const
{
    const QLocale locale;
    QList<std::pair<QString, QString>> rows;
    const auto when = [&locale](Core::TimestampMs ts) {
        return locale.toString(QDateTime::fromMSecsSinceEpoch(ts, QTimeZone::utc()).toLocalTime(),
            QLocale::LongFormat);
    };
    QString state;
    switch (m_state) {
    case State::Idle:
        state = tr("Not verified yet");
        break;
    case State::Verifying:
        state = tr("Verifying…");
        break;
    case State::Verified:
        state = tr("Verified: every record matches its leaf hash and every checkpoint's root "
                   "and signature.");
        break;
    case State::Failed:
        state = tr("FAILED: the store was changed outside Lakeguard.");
        break;
    case State::Unavailable:
        state = tr("The check could not run: %1").arg(m_error);
        break;
    }
    rows.append({ tr("State:"), state });
    if (m_pack) {
        const Evidence::PackReport &p = *m_pack;
        rows.append({ tr("Records proven:"), locale.toString(p.records) });
        rows.append({ tr("Root hash:"), QString::fromLatin1(p.checkpoint.root.toHex()) });
        rows.append({ tr("Checkpoint:"),
            tr("#%1 · %2 records · signed %3")
                .arg(p.checkpoint.id)
                .arg(locale.toString(p.checkpoint.treeSize))
                .arg(when(p.checkpoint.ts)) });
        rows.append({ tr("Public key fingerprint:"), groupedHex(p.keyId) });
        if (!p.problems.isEmpty()) {
            rows.append({ tr("First problem:"), p.problems.first() });
        }
        return rows;
    }
    if (!m_report) {
        return rows;
    }
    const Storage::VerifyReport &r = *m_report;
    rows.append({ tr("Records:"), locale.toString(r.treeSize) });
    rows.append({ tr("Checked in the last run:"),
        r.incremental ? tr("%1 new records (from record %2)")
                            .arg(locale.toString(r.leavesChecked), locale.toString(r.fromLeaf))
                      : tr("all %1 records").arg(locale.toString(r.leavesChecked)) });
    rows.append({ tr("Root hash:"), QString::fromLatin1(r.root.toHex()) });
    if (r.latest) {
        rows.append({ tr("Last checkpoint:"),
            tr("#%1 · %2 records · signed %3")
                .arg(r.latest->id)
                .arg(locale.toString(r.latest->treeSize))
                .arg(when(r.latest->ts)) });
    } else {
        rows.append({ tr("Last checkpoint:"), tr("none yet") });
    }
    rows.append({ tr("Signed records:"), locale.toString(r.signedSize) });
    rows.append(
        { tr("Public key fingerprint:"), r.keyId.isEmpty() ? tr("unknown") : groupedHex(r.keyId) });
    if (r.pruneRecords > 0) {
        rows.append({ tr("Pruned:"),
            tr("%1 records by %2 signed prune records")
                .arg(locale.toString(r.prunedRecords), locale.toString(r.pruneRecords)) });
    }
    if (!r.ok) {
        rows.append({ tr("First problem:"), r.firstProblem });
        rows.append({ tr("Problems:"), locale.toString(r.problemCount) });
    }
    return rows;
}

QString VerificationIndicator::detailsText() const
{
    QStringList lines;
    for (const auto &[label, value] : detailRows()) {
        lines << label + u' ' + value;
    }
    if (m_report && !m_report->ok) {
        lines += m_report->problems;
    }
    return lines.join(u'\n');
}

QDialog *VerificationIndicator::showDetails()
{
    if (!m_details) {
        auto *dialog = new QDialog(window());
        dialog->setObjectName(u"verificationDetails"_s);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setMinimumWidth(560);
        auto *layout = new QVBoxLayout(dialog);
        auto *form = new QFormLayout;
        form->setObjectName(u"verificationForm"_s);
        layout->addLayout(form);
        auto *problems = new QPlainTextEdit(dialog);
        problems->setObjectName(u"verificationProblems"_s);
        problems->setReadOnly(true);
        layout->addWidget(problems, 1);
        auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
        auto *again = buttons->addButton(QString(), QDialogButtonBox::ActionRole);
        again->setObjectName(u"verifyAllButton"_s);
        connect(again, &QPushButton::clicked, this, &VerificationIndicator::verifyAll);
        connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
        layout->addWidget(buttons);
        m_details = dialog;
        fillDetails();
    }
    m_details->show();
    m_details->raise();
    m_details->activateWindow();
    return m_details;
}

void VerificationIndicator::fillDetails()
{
    QDialog *dialog = m_details;
    dialog->setWindowTitle(tr("Store verification"));
    auto *form = dialog->findChild<QFormLayout *>(u"verificationForm"_s);
    while (form->rowCount() > 0) {
        form->removeRow(0);
    }
    for (const auto &[label, value] : detailRows()) {
        auto *field = new QLabel(value, dialog);
        field->setTextFormat(Qt::PlainText); // problem texts quote stored values
        field->setWordWrap(true);
        field->setTextInteractionFlags(Qt::TextSelectableByMouse);
        auto *name = new QLabel(label, dialog);
        name->setBuddy(field);
        form->addRow(name, field);
    }
    auto *problems = dialog->findChild<QPlainTextEdit *>(u"verificationProblems"_s);
    const QStringList list
        = m_pack ? m_pack->problems : (m_report ? m_report->problems : QStringList());
    problems->setPlainText(list.join(u'\n'));
    problems->setVisible(!list.isEmpty());
    problems->setAccessibleName(tr("Problems found"));
    if (auto *again = dialog->findChild<QPushButton *>(u"verifyAllButton"_s)) {
        again->setText(tr("&Verify every record again"));
        again->setAccessibleName(tr("Verify every record again"));
        again->setVisible(m_verifier != nullptr);
        again->setEnabled(m_state != State::Verifying);
    }
}

void VerificationIndicator::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange
        || event->type() == QEvent::ApplicationPaletteChange) {
        updateUi(); // texts, or the theme's green and red
    }
    QToolButton::changeEvent(event);
}

} // namespace Lakeguard::Widgets
