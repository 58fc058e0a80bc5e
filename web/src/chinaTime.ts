/** The month of `now` in China, YYYY-MM (the business's calendar, whatever the device's time zone). */
export function chinaMonth(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(now).slice(0, 7);
}
