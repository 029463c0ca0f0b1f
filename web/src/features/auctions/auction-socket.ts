// The live room's WebSocket: the shared live socket (pings, reconnects with backoff) reading the room's messages.
import type { AuctionLiveMessage } from "../../api/types";
import { connectLiveSocket, parseTypedMessage, type LiveSocket } from "../../components/live-socket";
import type { Connection } from "./auction-room-state";

const messageTypes = new Set(["state", "bid", "extended", "closed", "pong"]);

interface AuctionSocketHandlers {
  onMessage: (message: AuctionLiveMessage) => void;
  onConnection: (connection: Connection) => void;
  // The socket is open again after a drop: anything said meanwhile was missed, so the caller catches up.
  onReconnected: () => void;
}

export function connectAuctionSocket(url: string, handlers: AuctionSocketHandlers): LiveSocket {
  return connectLiveSocket({ url: () => url, parse: (text) => parseTypedMessage<AuctionLiveMessage>(text, messageTypes), ...handlers });
}
