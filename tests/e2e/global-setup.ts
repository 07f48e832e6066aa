// Placeholder: the end-to-end harness builds the app and starts it (written with the e2e suite).
export default function setup() {}
