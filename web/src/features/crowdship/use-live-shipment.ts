// One shipment, live: loads it, follows its courier session's socket (a fresh ticket per connection), and catches up after drops.
import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import type { Shipment, ShipmentLiveMessage } from "../../api/types";
import { api } from "../../app/api";
import { errorMessage } from "../../components/error-message";
import { connectLiveSocket, parseTypedMessage } from "../../components/live-socket";
import { initialLiveShipment, liveShipmentReducer } from "./shipment-live-state";

const messageTypes = new Set(["state", "position", "eta", "milestone", "error", "pong"]);

/** Mount it under a key of the shipment id: its state starts empty once, when it mounts. */
export function useLiveShipment(shipmentId: string) {
  const [state, dispatch] = useReducer(liveShipmentReducer, initialLiveShipment);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const reloadRef = useRef<() => void>(() => undefined);

  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    let socket: { close(): void } | null = null;

    async function load(): Promise<boolean> {
      try {
        const shipment = await api.shipment(shipmentId, signal);
        if (signal.aborted) return false;
        dispatch({ type: "loaded", shipment });
        setLoadError(null);
        return true;
      } catch (error) {
        if (!signal.aborted) setLoadError(errorMessage(error));
        return false;
      }
    }
    reloadRef.current = () => void load();

    void (async () => {
      if (!(await load()) || signal.aborted) return;
      socket = connectLiveSocket({
        url: () => api.shipmentLiveUrl(shipmentId),
        parse: (text) => parseTypedMessage<ShipmentLiveMessage>(text, messageTypes),
        onMessage: (message) => dispatch({ type: "message", message }),
        onConnection: (connection) => dispatch({ type: "connection", connection }),
        // The session sends its whole state on every connect; the shipment row (delivery time, rating) may have moved too.
        onReconnected: () => void load(),
      });
    })();

    return () => {
      controller.abort();
      socket?.close();
    };
  }, [shipmentId, attempt]);

  const retry = useCallback(() => setAttempt((count) => count + 1), []);
  const reload = useCallback(() => reloadRef.current(), []);
  // A change the page made itself (pickup, delivery) answers with the shipment as it now is.
  const replace = useCallback((shipment: Shipment) => dispatch({ type: "loaded", shipment }), []);
  return { state, loadError, retry, reload, replace };
}
