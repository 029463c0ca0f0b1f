// Idempotent demo users, one per role, with dev-only passwords printed at start.
import { users } from "../../db/schema";
import { hashPassword } from "../../workers/auth/password";
import { newId } from "../../workers/platform/ids";
import { openNodeDatabase, type NodeDatabaseTarget } from "../db/node-database";

export interface DemoUser {
  email: string;
  password: string;
  displayName: string;
  roles: string[];
}

/** Dev-only credentials: they exist only in local databases made by `npm run dev`. */
export const DEMO_USERS: readonly DemoUser[] = [
  { email: "buyer@mnbara.dev", password: "dev-buyer-password", displayName: "Bea Buyer", roles: ["buyer"] },
  { email: "seller@mnbara.dev", password: "dev-seller-password", displayName: "Sami Seller", roles: ["buyer", "seller"] },
  { email: "traveler@mnbara.dev", password: "dev-traveler-password", displayName: "Tariq Traveler", roles: ["buyer", "traveler"] },
  { email: "admin@mnbara.dev", password: "dev-admin-password", displayName: "Ada Admin", roles: ["buyer", "admin"] },
];

export async function seedDemoUsers(target: NodeDatabaseTarget, pepper: string): Promise<number> {
  const database = openNodeDatabase(target);
  let created = 0;
  try {
    for (const user of DEMO_USERS) {
      const inserted = await database.orm
        .insert(users)
        .values({ id: newId("user"), email: user.email, displayName: user.displayName, roles: user.roles, passwordHash: await hashPassword(user.password, pepper) })
        .onConflictDoNothing()
        .returning({ id: users.id });
      created += inserted.length;
    }
  } finally {
    await database.end();
  }
  return created;
}
