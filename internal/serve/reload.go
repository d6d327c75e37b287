package serve

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
)

// EventsPath is the reserved URL of the live-reload event stream; the
// server answers it before looking in the site.
const EventsPath = "/_facultyhub/events"

// reloadHub fans build announcements out to every open event stream.
type reloadHub struct {
	mu      sync.Mutex
	clients map[chan string]struct{}
}

func newReloadHub() *reloadHub {
	return &reloadHub{clients: map[chan string]struct{}{}}
}

// subscribe returns a channel that receives the token of each new build,
// and the function that unsubscribes it.
func (h *reloadHub) subscribe() (chan string, func()) {
	ch := make(chan string, 1)
	h.mu.Lock()
	h.clients[ch] = struct{}{}
	h.mu.Unlock()
	return ch, func() {
		h.mu.Lock()
		delete(h.clients, ch)
		h.mu.Unlock()
	}
}

// broadcast tells every client that the build with this token is served.
// A client that has not read the previous token yet is skipped: it is
// about to reload anyway, and then gets whatever is newest.
func (h *reloadHub) broadcast(token string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for ch := range h.clients {
		select {
		case ch <- token:
		default:
		}
	}
}

// serveEvents streams Server-Sent Events: "hello" with the current
// build's token when the stream opens, "reload" with the new token after
// every build. A page reloads when a token differs from the one it was
// served with, which also covers a server restarted while it was away.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	if !s.waitReady(r) {
		http.Error(w, "the preview server is stopping", http.StatusServiceUnavailable)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	if r.Method == http.MethodHead {
		return
	}
	ch, unsubscribe := s.reload.subscribe()
	defer unsubscribe()
	rc := http.NewResponseController(w)
	// Subscribed before the hello, so no build can slip between the two.
	if !sendEvent(w, rc, "hello", s.current().token) {
		return
	}
	for {
		select {
		case token := <-ch:
			if !sendEvent(w, rc, "reload", token) {
				return
			}
		case <-r.Context().Done():
			return
		case <-s.quit:
			return // http.Server.Shutdown waits for open requests
		}
	}
}

// sendEvent writes one event and flushes it; false means the client has
// gone.
func sendEvent(w http.ResponseWriter, rc *http.ResponseController, name, data string) bool {
	if _, err := fmt.Fprintf(w, "retry: 1000\nevent: %s\ndata: %s\n\n", name, data); err != nil {
		return false
	}
	return rc.Flush() == nil
}

// reloadScript returns the script injected into every HTML page of the
// build with token. The page reloads when the stream names another build.
// EventSource reconnects by itself after the server restarts; if it gives
// up (the server answered with an error), the script starts a new one.
func reloadScript(token string) []byte {
	t, _ := json.Marshal(token) // escapes <, > and &: safe inside <script>
	return []byte(`<script>(function(){var t=` + string(t) + `;function c(){var e=new EventSource("` + EventsPath + `");` +
		`function r(m){if(m.data!==t){e.close();location.reload()}}` +
		`e.addEventListener("hello",r);e.addEventListener("reload",r);` +
		`e.onerror=function(){if(e.readyState===2)setTimeout(c,1000)}}c()})();</script>`)
}

// injectReload returns page with script inserted before its last
// </body>, or appended if it has none. page itself is not modified: it is
// the served site's copy.
func injectReload(page, script []byte) []byte {
	at := bytes.LastIndex(page, []byte("</body>"))
	if at < 0 {
		at = bytes.LastIndex(bytes.ToLower(page), []byte("</body>"))
	}
	if at < 0 {
		at = len(page)
	}
	out := make([]byte, 0, len(page)+len(script))
	out = append(out, page[:at]...)
	out = append(out, script...)
	return append(out, page[at:]...)
}
