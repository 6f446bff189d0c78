// Vite turns `?inline` CSS into a string; the shadow root needs it as text, not as a <link>.
declare module '*.css?inline' {
  const css: string;
  export default css;
}
