/** Connection strings in messages never show a password. */
/** postgresql://user:secret@host/db → postgresql://user:***@host/db */
export function redactConnectionString(cs: string): string {
  try {
    const u = new URL(cs);
    if (u.password) u.password = '***';
    for (const k of ['password', 'sslpassword']) if (u.searchParams.has(k)) u.searchParams.set(k, '***');
    return u.toString();
  } catch {
    return cs.replace(/(:\/\/[^:/@]*:)[^@]*@/, '$1***@').replace(/(password=)[^&\s]*/gi, '$1***');
  }
}
