/** Health: the ledger's invariants (Verify Ledger) and the intake journal's backlog. */
import { call, type Health } from '../api';
import { button, h, replace, when } from '../dom';
import { lang, t } from '../i18n';
import { describe, say, table } from '../ui';

export function healthScreen(): HTMLElement {
  const body = h('div', {});
  const load = async () => {
    let health: Health;
    try {
      health = await call<Health>('health');
    } catch (e) {
      say(describe(e), 'error');
      return;
    }
    const { ledger, intake } = health;
    replace(
      body,
      h(
        'section',
        { class: 'card' },
        h('h2', {}, t('ledgerTitle')),
        ledger.ok
          ? h('p', { class: 'ok' }, '✓ ', t('ledgerOk'))
          : h(
              'div',
              {},
              h('p', { class: 'bad' }, t('ledgerBad', { n: ledger.violations.length })),
              table(
                ['Account', t('colBalance'), t('journal')],
                ledger.violations.map((v) => [v.accountId, v.cachedBalance, v.journalBalance]),
              ),
            ),
      ),
      h(
        'section',
        { class: 'card' },
        h('h2', {}, t('intakeTitle')),
        h(
          'dl',
          { class: 'facts' },
          h('dt', {}, t('unfinished')),
          h('dd', { class: intake.unfinished ? 'bad' : 'ok' }, intake.unfinished),
          h('dt', {}, t('stuck')),
          h('dd', { class: intake.stuckEffects ? 'bad' : 'ok' }, intake.stuckEffects),
          h('dt', {}, t('oldest')),
          h('dd', {}, when(intake.oldestUnfinishedAt, lang)),
        ),
      ),
    );
  };
  void load();
  return h(
    'div',
    { class: 'screen' },
    h(
      'div',
      { class: 'actions' },
      button(t('checkAgain'), () => void load(), { class: 'secondary' }),
    ),
    body,
  );
}
