// Loaded into a server process by a test (NODE_OPTIONS=--require): a bug whose promise
// rejection escapes every handler, a moment after the server started.
setTimeout(() => {
  Promise.reject(new Error("a rejection no handler caught"));
}, 1500).unref();
