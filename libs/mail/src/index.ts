export * from './format';
export * from './ics';
export * from './reminder-renderer';
export * from './smtp-mailer';
export * from './account-mail';
