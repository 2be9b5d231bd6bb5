/** Test pages for the reader plugin. */

const lorem = (topic: string) =>
  `${topic} is explained here in enough detail for a reader to follow along. The paragraph keeps going with more words about ${topic}, so that Readability sees real prose, not a menu. It also mentions why ${topic} matters to everyone who reads it.`;

export const ARTICLE = `<!DOCTYPE html>
<html lang="en">
<head>
  <title>Growing Tomatoes at Home - Garden Weekly</title>
  <meta name="author" content="Jane Gardener">
  <meta property="og:site_name" content="Garden Weekly">
  <meta name="description" content="How to grow tomatoes on a balcony.">
  <style>.ad-banner { border: 1px solid red; }</style>
  <script>window.trackingId = 42;</script>
</head>
<body>
  <header class="site-header">
    <nav class="main-nav"><a href="/">NavHome</a> | <a href="/topics">NavTopics</a> | <a href="/about">NavAbout</a></nav>
  </header>
  <div class="layout">
    <aside class="sidebar"><h3>SidebarPopular</h3><ul><li><a href="/p/1">SidebarLinkOne</a></li><li><a href="/p/2">SidebarLinkTwo</a></li></ul></aside>
    <main>
      <article>
        <h1>Growing Tomatoes at Home</h1>
        <p class="byline">By Jane Gardener</p>
        <p>${lorem('Soil preparation')} Read the <a href="/guides/soil?x=1#ph">soil guide</a> first.</p>
        <p>${lorem('Watering')}</p>
        <img src="/img/tomato.png" alt="A ripe tomato">
        <h2>What you need</h2>
        <ul>
          <li>Seeds of a <strong>cherry</strong> variety</li>
          <li>A pot of at least 20 litres</li>
          <li>Stakes and string</li>
        </ul>
        <h2>Varieties</h2>
        <table>
          <thead><tr><th>Variety</th><th>Days to harvest</th></tr></thead>
          <tbody>
            <tr><td>Sungold</td><td>57</td></tr>
            <tr><td>Brandywine</td><td>90</td></tr>
          </tbody>
        </table>
        <h2>Watering schedule</h2>
        <pre><code class="language-python">def water(plant):
    if plant.soil_is_dry():
        plant.water(litres=2)</code></pre>
        <p>${lorem('Harvesting')}</p>
        <p>${lorem('Storage')}</p>
      </article>
    </main>
    <div class="ad-banner sponsored">AdvertBuyNow: cheap seeds!</div>
  </div>
  <footer class="site-footer"><p>FooterCopyright 2024 Garden Weekly</p><a href="/privacy">FooterPrivacy</a></footer>
</body>
</html>`;

/** A dashboard: short bits of text, no prose. */
export const DASHBOARD = `<!DOCTYPE html>
<html><head><title>Control panel</title></head>
<body>
  <nav><a href="/home">Home</a> <a href="/settings">Settings</a></nav>
  <div class="tiles">
    <div class="tile"><h2>Orders</h2><span>12 open</span></div>
    <div class="tile"><h2>Revenue</h2><span>$1,204</span></div>
    <div class="tile"><h2>Visitors</h2><span>318 today</span></div>
  </div>
  <button>Refresh</button>
</body></html>`;

/** Content that only exists once a script ran after load. */
export const DYNAMIC = `<!DOCTYPE html>
<html><head><title>Live feed</title></head>
<body>
  <main id="app"><p>Loading…</p></main>
  <script>
    window.addEventListener('load', () => setTimeout(() => {
      document.getElementById('app').innerHTML = '<h2>Rendered by script</h2><p>ScriptParagraph with a <a href="../docs/start.html">relative link</a>.</p>';
      document.body.dataset.ready = 'yes';
    }, 50));
  </script>
</body></html>`;

/** Hidden parts, shadow DOM, an image inside a link, and noise a full conversion should drop. */
export const FULL = `<!DOCTYPE html>
<html><head><title>Everything</title><base href="/base/dir/"></head>
<body>
  <nav><a href="nav-target">TopNav</a></nav>
  <main>
    <h1>Main heading</h1>
    <p>Visible words <span style="display:none">DisplayNoneWords</span><span hidden>HiddenAttrWords</span><span style="visibility:hidden">InvisibleWords</span>.</p>
    <noscript>NoscriptWords</noscript>
    <template><p>TemplateWords</p></template>
    <svg width="10" height="10"><text>SvgWords</text></svg>
    <p>A <a href="page.html">based link</a> and <a href="javascript:void(0)">ScriptLink</a> and a <a href="https://example.com/a b">spaced link</a>.</p>
    <p><a href="/logo-home"><img src="logo.png" alt="Logo"></a></p>
    <p><img src="data:image/png;base64,iVBORw0KGgo=" alt="Inline pixel"></p>
    <host-card></host-card>
    <table>
      <tr><th>Feature</th><th>Notes</th></tr>
      <tr><td>Lists</td><td><ul><li>alpha</li><li>beta</li></ul></td></tr>
      <tr><td>Breaks</td><td>one<br>two</td></tr>
    </table>
    <pre>plain   preformatted
  text</pre>
    <ol start="3"><li>third</li><li>fourth<ul><li>nested bullet</li></ul></li></ol>
  </main>
  <div id="drawer" style="display:none"><h2>Drawer</h2><p>DrawerWords <span style="display:none">StillHidden</span></p></div>
  <footer>FullFooter</footer>
  <script>
    customElements.define('host-card', class extends HTMLElement {
      constructor() { super(); this.attachShadow({ mode: 'open' }).innerHTML = '<section><h3>ShadowTitle</h3><p>ShadowWords</p></section>'; }
    });
  </script>
</body></html>`;

/** The article inside an iframe, for reading the active frame. */
export const FRAMED = `<!DOCTYPE html>
<html><head><title>Outer page</title></head>
<body><p>OuterWords</p><iframe src="/article" width="800" height="600"></iframe></body></html>`;
