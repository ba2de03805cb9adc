/** The page every tool serves: the probe element plus the tool's own way of loading the sheet. */
export function pageHtml(head) {
  return `<!doctype html>
<html>
  <head>
    <meta charset="utf-8" />
    <title>latency bench</title>
    ${head}
  </head>
  <body>
    <div id="probe">probe</div>
  </body>
</html>
`;
}
