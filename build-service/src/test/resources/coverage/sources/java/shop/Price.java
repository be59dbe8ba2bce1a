package shop;

public final class Price {

    static int total(int[] prices, int[] quantities) {
        int sum = 0;
        for (int i = 0; i < prices.length; i++) {
            sum += prices[i] * quantities[i];
        }
        return sum;
    }

    static int discount(int amount, String code) {
        if (code.equals("HALF")) {
            return amount / 2;
        }
        if (code.equals("TENOFF")) {
            return Math.max(0, amount - 10);
        }
        return amount;
    }

    static String currency(int amount) {
        if (amount < 0) {
            throw new IllegalArgumentException("negative amount");
        }
        return amount + " EUR";
    }

    public static void main(String[] args) {
        int total = total(new int[] {2, 1}, new int[] {3, 1});
        System.out.println(discount(total, "HALF"));
    }
}
