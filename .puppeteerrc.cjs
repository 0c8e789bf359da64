// pa11y drives Chromium through puppeteer: use Debian's /usr/bin/chromium, never download one
// (nothing may be fetched at install time but npm packages).
module.exports = { skipDownload: true };
