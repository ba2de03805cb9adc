/** Styles of the toasts, inside their shadow root: the app's CSS cannot reach them, nor they the app. */
export const TOAST_CSS = `
:host{all:initial}
ol{position:fixed;right:16px;bottom:16px;z-index:2147483647;display:flex;flex-direction:column;gap:8px;margin:0;padding:0;list-style:none;max-width:min(420px,calc(100vw - 32px));font:13px/1.4 system-ui,sans-serif}
li{display:flex;gap:10px;align-items:flex-start;padding:10px 12px;border-radius:8px;background:#111827;color:#f9fafb;box-shadow:0 6px 24px rgb(0 0 0/.25);border-left:4px solid #22c55e;animation:in .18s ease-out}
li.failure{border-left-color:#ef4444}
li.warning{border-left-color:#f59e0b}
li.neutral{border-left-color:#6b7280}
.body{flex:1;min-width:0}
.title{font-weight:600}
.detail{margin-top:2px;color:#d1d5db;white-space:pre-wrap;word-break:break-word;font-family:ui-monospace,monospace;font-size:12px}
button{all:unset;cursor:pointer;color:#9ca3af;padding:0 4px;font-size:16px;line-height:1}
button:hover,button:focus-visible{color:#fff;outline:1px solid #9ca3af;border-radius:4px}
.action{display:inline-block;margin-top:6px;padding:2px 8px;border:1px solid #9ca3af;border-radius:4px;font-size:12px;color:#f9fafb}
.action:disabled{opacity:.6;cursor:default}
@keyframes in{from{opacity:0;transform:translateY(8px)}}
@media (prefers-reduced-motion:reduce){li{animation:none}}
`;
