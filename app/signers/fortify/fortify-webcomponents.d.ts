// The Fortify client scripts bundled inside @peculiar/fortify-webcomponents (no types shipped): each sets
// a global (`protobuf`, then `WebcryptoSocket`) and exports nothing this app reads.
declare module '@peculiar/fortify-webcomponents/components/protobuf.js';
declare module '@peculiar/fortify-webcomponents/components/webcrypto-socket.js';
