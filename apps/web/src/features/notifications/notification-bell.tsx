import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { NotificationView } from '@guichet/contracts';
import { formatDateTime } from '../../lib/format.ts';
import { useLocale } from '../../lib/i18n/index.ts';
import { useDisclosure } from '../../lib/use-disclosure.ts';
import { useMarkRead, useNotifications } from './notifications-api.ts';
import './notifications.css';

function BellIcon() {
  return (
    <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
      <path
        d="M12 3a6 6 0 0 0-6 6v3.6L4.3 16a1 1 0 0 0 .9 1.5h13.6a1 1 0 0 0 .9-1.5L18 12.6V9a6 6 0 0 0-6-6Z"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinejoin="round"
      />
      <path d="M9.5 19.5a2.5 2.5 0 0 0 5 0" fill="none" stroke="currentColor" strokeWidth="1.8" />
    </svg>
  );
}

function NotificationText({ item }: { item: NotificationView }) {
  const { t } = useTranslation();
  const number = item.requestNumber ?? '';
  switch (item.kind) {
    case 'status_changed':
      return (
        <>
          {t('operations.bell.kinds.status_changed', {
            number,
            status: item.toStatus ? t(`status.${item.toStatus}`) : '',
          })}
        </>
      );
    case 'quote_sent':
      return <>{t('operations.bell.kinds.quote_sent', { number })}</>;
    case 'comment_added':
      return <>{t('operations.bell.kinds.comment_added', { number })}</>;
    case 'assigned':
      return <>{t('operations.bell.kinds.assigned', { number })}</>;
    case 'question_reminder':
      return <>{t('questions.bell.reminder', { number })}</>;
    case 'approval_requested':
      return <>{t('approvals.bell', { number, name: item.actorName ?? '' })}</>;
    default:
      return <>{t('operations.bell.kinds.other', { number })}</>;
  }
}

/**
 * The bell of the top bar: how many notifications are unread, and the latest ones in a panel
 * (a disclosure: Escape or a click elsewhere closes it). Opening a notification marks it read.
 */
export function NotificationBell({ audience }: { audience: 'customer' | 'operator' }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const notifications = useNotifications();
  const markRead = useMarkRead();
  const [isOpen, setIsOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const { panelId, onKeyDown, buttonProps } = useDisclosure(isOpen, setIsOpen);
  const unread = notifications.data?.unread ?? 0;

  useEffect(() => {
    if (!isOpen) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setIsOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [isOpen]);

  const linkOf = (item: NotificationView) =>
    audience === 'operator'
      ? `/back-office/demandes/${item.requestId ?? ''}`
      : `/demandes/${item.requestId ?? ''}`;

  return (
    <div className="bell" ref={rootRef} onKeyDown={onKeyDown}>
      <button {...buttonProps} className="bell__button">
        <BellIcon />
        <span className="visually-hidden">{t('operations.bell.label')} </span>
        {unread > 0 ? (
          <>
            <span className="bell__count">{unread > 99 ? '99+' : unread}</span>
            <span className="visually-hidden">
              {' '}
              {t('operations.bell.unreadCount', { count: unread })}
            </span>
          </>
        ) : null}
      </button>
      <div id={panelId} className="bell__panel" hidden={!isOpen}>
        <div className="bell__header">
          <h2 className="bell__title">{t('operations.bell.title')}</h2>
          {unread > 0 ? (
            <button
              type="button"
              className="link-button"
              onClick={() => markRead.mutate({})}
              disabled={markRead.isPending}
            >
              {t('operations.bell.markAllRead')}
            </button>
          ) : null}
        </div>
        {notifications.isError ? (
          <p className="bell__empty">{t('operations.bell.loadFailed')}</p>
        ) : (notifications.data?.items.length ?? 0) === 0 ? (
          <p className="bell__empty">{t('operations.bell.empty')}</p>
        ) : (
          <ul className="bell__list">
            {notifications.data?.items.map((item) => (
              <li
                key={item.id}
                className={`bell__item${item.readAt === null ? ' bell__item--unread' : ''}`}
              >
                <Link
                  to={linkOf(item)}
                  className="bell__link"
                  onClick={() => {
                    setIsOpen(false);
                    if (item.readAt === null) markRead.mutate({ ids: [item.id] });
                  }}
                >
                  <span className="bell__text">
                    <NotificationText item={item} />
                  </span>
                  <span className="bell__meta">
                    <time dateTime={item.createdAt}>{formatDateTime(item.createdAt, locale)}</time>
                    {item.actorName
                      ? ` · ${t('operations.bell.by', { name: item.actorName })}`
                      : null}
                    {item.readAt === null ? (
                      <span className="visually-hidden"> ({t('operations.bell.unread')})</span>
                    ) : null}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
