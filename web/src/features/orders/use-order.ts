// Loads one order for a page, keeping the previous one on screen only while it is the same order.
import { api } from "../../app/api";
import { useApiData } from "../../components/use-api-data";

export function useOrder(orderId: string) {
  const handle = useApiData((signal) => api.order(orderId, signal), [orderId]);
  const order = handle.state.data;
  return { ...handle, order: order !== null && order.id === orderId ? order : null };
}
